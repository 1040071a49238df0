using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Scoring;

/// <summary>One scored factor of a dimension, e.g. the current ratio inside "financial".</summary>
/// <remarks>Points are on a 0–100 scale; the factor's weight is its share of its dimension in percent.</remarks>
public sealed record ScorecardFactor
{
    /// <summary>Creates a factor.</summary>
    /// <param name="name">Business name, unique within its dimension.</param>
    /// <param name="input">The declared model input it reads.</param>
    /// <param name="weight">Share of the dimension in percent, above 0 and at most 100.</param>
    /// <param name="rule">Banded or penalty rule.</param>
    /// <param name="missingData">What to do when the input is absent.</param>
    /// <param name="neutralPoints">Points when the input is absent; required with <see cref="MissingDataPolicy.Neutral"/> only.</param>
    /// <param name="floor">Lowest points the factor can give.</param>
    /// <param name="ceiling">Highest points the factor can give.</param>
    /// <exception cref="ArgumentException">Any value out of range, or neutral points that do not fit the policy.</exception>
    public ScorecardFactor(string name, string input, decimal weight, FactorRule rule, MissingDataPolicy missingData, decimal? neutralPoints = null, decimal floor = 0m, decimal ceiling = 100m)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var problems = new List<ConfigurationProblem>();
        Check(name, input, weight, missingData, neutralPoints, floor, ceiling, "factor", problems);
        ConfigurationReader.ThrowArgumentIfAny(problems, nameof(name));
        (Name, Input, Weight, Rule, MissingData, NeutralPoints, Floor, Ceiling) = (name, input, weight, rule, missingData, neutralPoints, floor, ceiling);
    }

    /// <summary>Business name, unique within its dimension.</summary>
    public string Name { get; }

    /// <summary>The model input it reads.</summary>
    public string Input { get; }

    /// <summary>Share of the dimension in percent.</summary>
    public decimal Weight { get; }

    /// <summary>How the value becomes points.</summary>
    public FactorRule Rule { get; }

    /// <summary>What to do when the input is absent.</summary>
    public MissingDataPolicy MissingData { get; }

    /// <summary>Points when the input is absent under <see cref="MissingDataPolicy.Neutral"/>.</summary>
    public decimal? NeutralPoints { get; }

    /// <summary>Lowest points the factor can give.</summary>
    public decimal Floor { get; }

    /// <summary>Highest points the factor can give.</summary>
    public decimal Ceiling { get; }

    /// <summary>Points for a value (or its absence), with the rule as applied; null points when the factor cannot be scored.</summary>
    internal (decimal? Points, string Rule) Evaluate(decimal? value)
    {
        if (value is not { } v)
        {
            return MissingData switch
            {
                MissingDataPolicy.Neutral => (NeutralPoints, $"input missing: neutral {ConfigurationReader.Format(NeutralPoints ?? 0m)} points"),
                MissingDataPolicy.Zero => (0m, "input missing: 0 points"),
                _ => (null, "input missing and required"),
            };
        }

        if (Rule.Apply(v, out var text) is not { } points)
        {
            return (null, text);
        }

        var bounded = Math.Clamp(points, Floor, Ceiling);
        return bounded == points
            ? (points, text)
            : (bounded, $"{text}; bounded to {ConfigurationReader.Format(bounded)} by floor {ConfigurationReader.Format(Floor)} / ceiling {ConfigurationReader.Format(Ceiling)}");
    }

    internal static void Check(string? name, string? input, decimal weight, MissingDataPolicy missingData, decimal? neutralPoints, decimal floor, decimal ceiling, string path, ICollection<ConfigurationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new ConfigurationProblem($"{path}.name", "must be a non-empty string"));
        }

        if (string.IsNullOrWhiteSpace(input))
        {
            problems.Add(new ConfigurationProblem($"{path}.input", "must be a non-empty string"));
        }

        if (weight is <= 0m or > 100m)
        {
            problems.Add(new ConfigurationProblem($"{path}.weight", $"{ConfigurationReader.Format(weight)} must be above 0 and at most 100"));
        }

        if (floor < 0m || ceiling > 100m || floor > ceiling)
        {
            problems.Add(new ConfigurationProblem($"{path}.floor", $"floor {ConfigurationReader.Format(floor)} and ceiling {ConfigurationReader.Format(ceiling)} must satisfy 0 <= floor <= ceiling <= 100"));
        }

        if (missingData == MissingDataPolicy.Neutral && neutralPoints is null)
        {
            problems.Add(new ConfigurationProblem($"{path}.neutralPoints", "is required when missingData is neutral"));
        }
        else if (missingData != MissingDataPolicy.Neutral && neutralPoints is not null)
        {
            problems.Add(new ConfigurationProblem($"{path}.neutralPoints", $"is only used when missingData is neutral, but missingData is {missingData.ToString().ToLowerInvariant()}"));
        }
        else if (neutralPoints is { } n && (n < floor || n > ceiling))
        {
            problems.Add(new ConfigurationProblem($"{path}.neutralPoints", $"{ConfigurationReader.Format(n)} is outside floor..ceiling {ConfigurationReader.Format(floor)}..{ConfigurationReader.Format(ceiling)}"));
        }
    }
}
