using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Scoring;

/// <summary>Scores a value by the band it falls in. Bands neither overlap nor leave gaps.</summary>
public sealed record BandedRule : FactorRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="bands">The bands, in any order; together one unbroken range.</param>
    /// <exception cref="ArgumentException">No bands, or bands that overlap or leave a gap.</exception>
    public BandedRule(IReadOnlyList<ScoreBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var problems = new List<ConfigurationProblem>();
        Check(bands, "bands", problems);
        ConfigurationReader.ThrowArgumentIfAny(problems, nameof(bands));
        Bands = bands.OrderBy(b => b.From ?? decimal.MinValue).ToArray();
    }

    /// <summary>The bands, lowest first.</summary>
    public IReadOnlyList<ScoreBand> Bands { get; }

    /// <inheritdoc />
    public override decimal? Apply(decimal value, out string explanation)
    {
        var band = Bands.FirstOrDefault(b => b.Contains(value));
        if (band is null)
        {
            explanation = $"{ConfigurationReader.Format(value)} lies outside every band ({Describe()})";
            return null;
        }

        explanation = $"band {band.Range} scores {ConfigurationReader.Format(band.Points)}";
        return band.Points;
    }

    /// <inheritdoc />
    public override string Describe() => string.Join("; ", Bands.Select(b => $"{b.Range} → {ConfigurationReader.Format(b.Points)}"));

    /// <summary>Checks that the bands form one unbroken range: sorted by lower bound, each ends where the next begins.</summary>
    internal static void Check(IReadOnlyList<ScoreBand> bands, string path, ICollection<ConfigurationProblem> problems)
    {
        if (bands.Count == 0)
        {
            problems.Add(new ConfigurationProblem(path, "must not be empty"));
            return;
        }

        var sorted = bands.Select((band, index) => (band, index)).OrderBy(b => b.band.From ?? decimal.MinValue).ThenBy(b => b.band.From.HasValue).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            var (lower, lowerIndex) = sorted[i - 1];
            var (upper, upperIndex) = sorted[i];
            var here = $"{path}[{upperIndex}]";
            if (lower.To is not { } end)
            {
                problems.Add(new ConfigurationProblem(here, $"overlaps {path}[{lowerIndex}], which is open upwards from {Bound(lower.From)}"));
            }
            else if (upper.From is not { } start)
            {
                problems.Add(new ConfigurationProblem(here, $"overlaps {path}[{lowerIndex}]: both are open downwards"));
            }
            else if (start < end)
            {
                problems.Add(new ConfigurationProblem(here, $"overlaps {path}[{lowerIndex}]: {upper.Range} starts before {lower.Range} ends"));
            }
            else if (start > end)
            {
                problems.Add(new ConfigurationProblem(here, $"leaves a gap after {path}[{lowerIndex}]: no band scores values from {ConfigurationReader.Format(end)} up to {ConfigurationReader.Format(start)}"));
            }
        }
    }

    private static string Bound(decimal? value) => value is { } v ? ConfigurationReader.Format(v) : "-∞";
}
