using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Receivables;

/// <summary>How core customers are found (docs/domain.md "Customers").</summary>
/// <remarks>Shipped default (<c>Defaults/core-customers.json</c>): the last 3 years of sales, the first 70% of cumulative sales.</remarks>
public sealed record CoreCustomerPolicy
{
    private const string ConfigurationName = "core customer policy";
    private static readonly Lazy<CoreCustomerPolicy> Shipped = new(() => Parse(EmbeddedDefault.Read("core-customers.json")));

    /// <summary>Creates a policy.</summary>
    /// <param name="years">How many years of sales to rank by (3 or 5 in the sources).</param>
    /// <param name="cumulativeShare">The line: customers whose sales start inside this share of the cumulative total are core.</param>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 year, or a share outside (0, 1].</exception>
    public CoreCustomerPolicy(int years, decimal cumulativeShare)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        if (cumulativeShare is <= 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(cumulativeShare), cumulativeShare, "The cumulative share must be above 0 and at most 1.");
        }

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
        if (years is < 1)
        {
            reader.Problem("$.years", $"must be at least 1, was {years}");
        }

        var share = reader.Decimal(root, "$", "cumulativeShare");
        if (share is <= 0m or > 1m)
        {
            reader.Problem("$.cumulativeShare", $"must be above 0 and at most 1, was {share}");
        }

        reader.ThrowIfAny(ConfigurationName);
        return new CoreCustomerPolicy(years!.Value, share!.Value);
    }
}
