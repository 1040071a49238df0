using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Receivables;

/// <summary>How core customers are found (docs/domain.md "Customers").</summary>
/// <remarks>Shipped default (<c>Defaults/core-customers.json</c>): the last 3 years of sales, the first 70% of cumulative sales.</remarks>
public sealed record CoreCustomerPolicy
{
    private const string ConfigurationName = "core customer policy";
    private static readonly Lazy<CoreCustomerPolicy> Shipped = ConfiguredRules.Shipped("core-customers.json", Parse);

    /// <summary>Creates a policy.</summary>
    /// <param name="years">How many years of sales to rank by (3 or 5 in the sources).</param>
    /// <param name="cumulativeShare">The line: customers whose sales start inside this share of the cumulative total are core.</param>
    /// <exception cref="ArgumentException">Fewer than 1 year, or a share outside (0, 1].</exception>
    public CoreCustomerPolicy(int years, decimal cumulativeShare)
        : this(ConfiguredRules.Validate(nameof(years), p => Check(years, cumulativeShare, p)), years, cumulativeShare)
    {
    }

    private CoreCustomerPolicy(Validated validated, int years, decimal cumulativeShare)
    {
        _ = validated;
        Years = years;
        CumulativeShare = cumulativeShare;
    }

    /// <summary>The shipped default policy.</summary>
    public static CoreCustomerPolicy Default => Shipped.Value;

    /// <summary>Years of sales to rank by.</summary>
    public int Years { get; }

    /// <summary>The cumulative-sales line.</summary>
    public decimal CumulativeShare { get; }

    /// <summary>Reads <c>{ "years": 3, "cumulativeShare": 0.70 }</c>.</summary>
    /// <exception cref="InvalidConfigurationException">Every problem found, each with its JSON path.</exception>
    public static CoreCustomerPolicy Parse(string json)
    {
        var reader = new ConfigurationReader(ConfigurationDialect.Rules);
        using var document = reader.Open(json, ConfigurationName);
        var root = document.RootElement;
        reader.Object(root, "$", "years", "cumulativeShare");
        var years = reader.Int(root, "$", "years");
        var share = reader.Decimal(root, "$", "cumulativeShare");
        Check(years, share, reader.Sink);
        return new CoreCustomerPolicy(ConfiguredRules.Passed(reader, ConfigurationName), years!.Value, share!.Value);
    }

    /// <summary>The rules on the numbers, for values present (a missing one is the reader's problem).</summary>
    private static void Check(int? years, decimal? share, ICollection<ConfigurationProblem> problems)
    {
        if (years is < 1)
        {
            problems.Add(new ConfigurationProblem("$.years", $"must be at least 1, was {years}"));
        }

        if (share is <= 0m or > 1m)
        {
            problems.Add(new ConfigurationProblem("$.cumulativeShare", $"must be above 0 and at most 1, was {share}"));
        }
    }
}
