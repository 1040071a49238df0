using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Scoring;

/// <summary>A weighted group of factors, e.g. "financial" at 40 %.</summary>
public sealed record ScorecardDimension
{
    /// <summary>Creates a dimension.</summary>
    /// <param name="name">Business name, unique within the model.</param>
    /// <param name="weight">Share of the total score in percent.</param>
    /// <param name="factors">Its factors; their weights sum to 100.</param>
    /// <exception cref="ArgumentException">Empty name, weight out of range, no factors, duplicate names or factor weights not summing to 100.</exception>
    public ScorecardDimension(string name, decimal weight, IReadOnlyList<ScorecardFactor> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var problems = new List<ConfigurationProblem>();
        Check(name, weight, factors.Select(f => (f.Name, f.Weight)).ToArray(), "dimension", problems);
        ConfigurationReader.ThrowArgumentIfAny(problems, nameof(factors));
        (Name, Weight, Factors) = (name, weight, factors.ToArray());
    }

    /// <summary>Business name.</summary>
    public string Name { get; }

    /// <summary>Share of the total score in percent.</summary>
    public decimal Weight { get; }

    /// <summary>The factors, in configured order.</summary>
    public IReadOnlyList<ScorecardFactor> Factors { get; }

    internal static void Check(string? name, decimal? weight, IReadOnlyList<(string Name, decimal Weight)>? factors, string path, ICollection<ConfigurationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new ConfigurationProblem($"{path}.name", "must be a non-empty string"));
        }

        if (weight is { } w and (<= 0m or > 100m))
        {
            problems.Add(new ConfigurationProblem($"{path}.weight", $"{ConfigurationReader.Format(w)} must be above 0 and at most 100"));
        }

        // Null when some factor weight is unreadable: a sum would only add a misleading second message.
        if (factors is not null)
        {
            CheckWeightsAndNames(factors, $"{path}.factors", problems);
        }
    }

    /// <summary>Weights of one level sum to 100 and names are unique; shared by dimensions and the model.</summary>
    internal static void CheckWeightsAndNames(IReadOnlyList<(string Name, decimal Weight)> items, string path, ICollection<ConfigurationProblem> problems)
    {
        if (items.Count == 0)
        {
            problems.Add(new ConfigurationProblem(path, "must not be empty"));
            return;
        }

        var sum = items.Sum(i => i.Weight);
        if (sum != 100m)
        {
            problems.Add(new ConfigurationProblem(path, $"weights sum to {ConfigurationReader.Format(sum)}, must be 100"));
        }

        foreach (var duplicate in items.Select((item, index) => (item.Name, index)).GroupBy(i => i.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add(new ConfigurationProblem($"{path}[{duplicate.Skip(1).First().index}].name", $"'{duplicate.Key}' is used more than once"));
        }
    }
}
