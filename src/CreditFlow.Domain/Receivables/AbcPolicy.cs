using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Receivables;

/// <summary>The target shares of the ABC classification of receivables.</summary>
/// <remarks>Shipped default (<c>Defaults/receivable-abc.json</c>): C high risk 5%, B watch 15%, so A good is the remaining 80%.</remarks>
public sealed record AbcPolicy
{
    private const string ConfigurationName = "receivable ABC policy";
    private static readonly Lazy<AbcPolicy> Shipped = ConfiguredRules.Shipped("receivable-abc.json", Parse);

    /// <summary>Creates a policy.</summary>
    /// <param name="highRiskShare">Share of the total open amount that goes to class C.</param>
    /// <param name="watchShare">Share that goes to class B.</param>
    /// <exception cref="ArgumentException">A share outside 0..1, or together above 1.</exception>
    public AbcPolicy(decimal highRiskShare, decimal watchShare)
        : this(ConfiguredRules.Validate(nameof(watchShare), p => Check(highRiskShare, watchShare, p)), highRiskShare, watchShare)
    {
    }

    private AbcPolicy(Validated validated, decimal highRiskShare, decimal watchShare)
    {
        _ = validated;
        HighRiskShare = highRiskShare;
        WatchShare = watchShare;
    }

    /// <summary>The shipped default policy.</summary>
    public static AbcPolicy Default => Shipped.Value;

    /// <summary>Share of the total open amount for class C.</summary>
    public decimal HighRiskShare { get; }

    /// <summary>Share for class B.</summary>
    public decimal WatchShare { get; }

    /// <summary>Reads <c>{ "highRiskShare": 0.05, "watchShare": 0.15 }</c>.</summary>
    /// <exception cref="InvalidConfigurationException">Every problem found, each with its JSON path.</exception>
    public static AbcPolicy Parse(string json)
    {
        var reader = new ConfigurationReader(ConfigurationDialect.Rules);
        using var document = reader.Open(json, ConfigurationName);
        var root = document.RootElement;
        reader.Object(root, "$", "highRiskShare", "watchShare");
        var c = reader.Decimal(root, "$", "highRiskShare");
        var b = reader.Decimal(root, "$", "watchShare");
        Check(c, b, reader.Sink);
        return new AbcPolicy(ConfiguredRules.Passed(reader, ConfigurationName), c!.Value, b!.Value);
    }

    /// <summary>The rules on the shares, for values present (a missing one is the reader's problem).</summary>
    private static void Check(decimal? c, decimal? b, ICollection<ConfigurationProblem> problems)
    {
        foreach (var (value, name) in new[] { (c, "highRiskShare"), (b, "watchShare") })
        {
            if (value is < 0m or > 1m)
            {
                problems.Add(new ConfigurationProblem($"$.{name}", $"must be a share between 0 and 1, was {value}"));
            }
        }

        if (c is >= 0m and <= 1m && b is >= 0m and <= 1m && c + b > 1m)
        {
            problems.Add(new ConfigurationProblem("$.watchShare", $"highRiskShare + watchShare must not exceed 1, was {c + b}"));
        }
    }
}
