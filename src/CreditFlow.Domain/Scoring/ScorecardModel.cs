using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Scoring;

/// <summary>
/// A scorecard: weighted dimensions of weighted factors that turn a customer's named inputs into
/// a score 0–100. The multi-dimension model and the 5C model are two configurations of it.
/// </summary>
public sealed partial record ScorecardModel
{
    private static readonly Lazy<ScorecardModel> MultiDimensionDefault = ConfiguredRules.Shipped("scorecard-multi-dimension.json", Parse);
    private static readonly Lazy<ScorecardModel> FiveCDefault = ConfiguredRules.Shipped("scorecard-5c.json", Parse);

    /// <summary>Creates a model.</summary>
    /// <param name="id">Stable id, e.g. <c>multi-dimension</c>.</param>
    /// <param name="version">Version recorded with every result.</param>
    /// <param name="inputs">The inputs factors may read; names unique.</param>
    /// <param name="dimensions">The dimensions; weights sum to 100.</param>
    /// <exception cref="ArgumentException">Empty id or version, duplicate inputs or dimensions, weights not summing to 100, or a factor reading an undeclared input.</exception>
    public ScorecardModel(string id, string version, IReadOnlyList<ScorecardInput> inputs, IReadOnlyList<ScorecardDimension> dimensions)
        : this(Checked(id, version, inputs, dimensions), id, version, inputs, dimensions)
    {
    }

    private ScorecardModel(Validated validated, string id, string version, IReadOnlyList<ScorecardInput> inputs, IReadOnlyList<ScorecardDimension> dimensions)
    {
        _ = validated;
        (Id, Version, Inputs, Dimensions) = (id, version, inputs.ToArray(), dimensions.ToArray());
    }

    /// <summary>The shipped 40/30/20/10 model (financial, operating, industry, payment record).</summary>
    public static ScorecardModel MultiDimension => MultiDimensionDefault.Value;

    /// <summary>The shipped 5C model (character, capacity, capital, collateral, conditions).</summary>
    public static ScorecardModel FiveC => FiveCDefault.Value;

    /// <summary>Stable id.</summary>
    public string Id { get; }

    /// <summary>Version recorded with every result.</summary>
    public string Version { get; }

    /// <summary>The declared inputs.</summary>
    public IReadOnlyList<ScorecardInput> Inputs { get; }

    /// <summary>The dimensions, in configured order.</summary>
    public IReadOnlyList<ScorecardDimension> Dimensions { get; }

    /// <summary>Scores a customer.</summary>
    /// <param name="inputs">Values by input name; an absent key is missing data. Keys the model does not declare are ignored.</param>
    /// <returns>A complete result with a score, or an incomplete one listing what could not be scored.</returns>
    public ScoreResult Score(IReadOnlyDictionary<string, decimal> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var explained = new List<FactorExplanation>();
        var missing = new List<UnscoredFactor>();
        foreach (var dimension in Dimensions)
        {
            foreach (var factor in dimension.Factors)
            {
                decimal? value = inputs.TryGetValue(factor.Input, out var v) ? v : null;
                var (points, rule) = factor.Evaluate(value);
                if (points is { } p)
                {
                    var contribution = p * dimension.Weight * factor.Weight / 10_000m;
                    explained.Add(new FactorExplanation(dimension.Name, factor.Name, factor.Input, value, rule, p, factor.Weight, dimension.Weight, contribution));
                }
                else
                {
                    missing.Add(new UnscoredFactor(dimension.Name, factor.Name, factor.Input, rule));
                }
            }
        }

        decimal? score = missing.Count == 0 ? Math.Round(explained.Sum(e => e.Contribution), 2, MidpointRounding.AwayFromZero) : null;
        return new ScoreResult(Id, Version, score, explained, missing);
    }

    /// <summary>Model-level rules: inputs unique, dimension weights sum to 100, factors read declared inputs.</summary>
    internal static void Check(
        IReadOnlyList<string> inputs,
        IReadOnlyList<(string Name, decimal? Weight, IReadOnlyList<string> FactorInputs)> dimensions,
        string path,
        ICollection<ConfigurationProblem> problems)
    {
        if (inputs.Count == 0)
        {
            problems.Add(new ConfigurationProblem($"{path}.inputs", "must not be empty"));
        }

        foreach (var duplicate in inputs.Select((name, index) => (name, index)).GroupBy(i => i.name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new ConfigurationProblem($"{path}.inputs[{duplicate.Skip(1).First().index}].name", $"'{duplicate.Key}' is declared more than once"));
        }

        if (dimensions.All(d => d.Weight is not null))
        {
            ScorecardDimension.CheckWeightsAndNames(dimensions.Select(d => (d.Name, d.Weight ?? 0m)).ToArray(), $"{path}.dimensions", problems);
        }

        var declared = inputs.ToHashSet(StringComparer.Ordinal);
        for (var d = 0; d < dimensions.Count; d++)
        {
            for (var f = 0; f < dimensions[d].FactorInputs.Count; f++)
            {
                var input = dimensions[d].FactorInputs[f];
                if (!string.IsNullOrWhiteSpace(input) && !declared.Contains(input))
                {
                    problems.Add(new ConfigurationProblem($"{path}.dimensions[{d}].factors[{f}].input", $"'{input}' is not a declared input"));
                }
            }
        }
    }

    private static Validated Checked(string id, string version, IReadOnlyList<ScorecardInput> inputs, IReadOnlyList<ScorecardDimension> dimensions)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        return ConfiguredRules.Validate(nameof(dimensions), problems => Check(
            inputs.Select(i => i.Name).ToArray(),
            dimensions.Select(d => (d.Name, (decimal?)d.Weight, (IReadOnlyList<string>)d.Factors.Select(f => f.Input).ToArray())).ToArray(),
            "$",
            problems));
    }
}
