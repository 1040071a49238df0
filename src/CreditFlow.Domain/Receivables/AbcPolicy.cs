using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Receivables;

/// <summary>The target shares of the ABC classification of receivables.</summary>
/// <remarks>Shipped default (<c>Defaults/receivable-abc.json</c>): C high risk 5%, B watch 15%, so A good is the remaining 80%.</remarks>
public sealed record AbcPolicy
{
    private const string ConfigurationName = "receivable ABC policy";
    private static readonly Lazy<AbcPolicy> Shipped = new(() => Parse(EmbeddedDefault.Read("receivable-abc.json")));

    /// <summary>Creates a policy.</summary>
    /// <param name="highRiskShare">Share of the total open amount that goes to class C.</param>
    /// <param name="watchShare">Share that goes to class B.</param>
    /// <exception cref="ArgumentOutOfRangeException">A share is negative or together they exceed 1.</exception>
    public AbcPolicy(decimal highRiskShare, decimal watchShare)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(highRiskShare);
        ArgumentOutOfRangeException.ThrowIfNegative(watchShare);
        if (highRiskShare + watchShare > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(watchShare), watchShare, "The C and B shares together may not exceed 1.");
        }

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
        foreach (var (value, name) in new[] { (c, "highRiskShare"), (b, "watchShare") })
        {
            if (value is < 0m or > 1m)
            {
                reader.Problem($"$.{name}", $"must be a share between 0 and 1, was {value}");
            }
        }

        if (c is >= 0m and <= 1m && b is >= 0m and <= 1m && c + b > 1m)
        {
            reader.Problem("$.watchShare", $"highRiskShare + watchShare must not exceed 1, was {c + b}");
        }

        reader.ThrowIfAny(ConfigurationName);
        return new AbcPolicy(c!.Value, b!.Value);
    }
}
