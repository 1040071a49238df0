using CreditFlow.Domain.Configuration;

namespace CreditFlow.Domain.Scoring;

/// <summary>A value range and the points it scores: <c>From</c> inclusive, <c>To</c> exclusive.</summary>
/// <remarks>A missing <c>From</c> is open downwards, a missing <c>To</c> open upwards.</remarks>
public sealed record ScoreBand
{
    /// <summary>Creates a band.</summary>
    /// <param name="from">Lowest value in the band (inclusive), or null for no lower bound.</param>
    /// <param name="to">First value past the band (exclusive), or null for no upper bound.</param>
    /// <param name="points">Points scored, 0 to 100.</param>
    /// <exception cref="ArgumentException">The bounds are not ascending or the points lie outside 0..100.</exception>
    public ScoreBand(decimal? from, decimal? to, decimal points)
    {
        var problems = new List<ConfigurationProblem>();
        Check(from, to, points, "band", problems);
        ConfigurationReader.ThrowArgumentIfAny(problems, nameof(from));
        From = from;
        To = to;
        Points = points;
    }

    /// <summary>Lowest value in the band (inclusive), or null for no lower bound.</summary>
    public decimal? From { get; }

    /// <summary>First value past the band (exclusive), or null for no upper bound.</summary>
    public decimal? To { get; }

    /// <summary>Points scored by a value in the band.</summary>
    public decimal Points { get; }

    /// <summary>True when <paramref name="value"/> lies in the band.</summary>
    public bool Contains(decimal value) => (From is not { } from || value >= from) && (To is not { } to || value < to);

    /// <summary>The range as text, e.g. <c>[1.2, 1.5)</c>, <c>below 1</c>, <c>2 and above</c>.</summary>
    public string Range => (From, To) switch
    {
        (null, null) => "any value",
        (null, { } to) => $"below {ConfigurationReader.Format(to)}",
        ({ } from, null) => $"{ConfigurationReader.Format(from)} and above",
        ({ } from, { } to) => $"[{ConfigurationReader.Format(from)}, {ConfigurationReader.Format(to)})",
    };

    internal static void Check(decimal? from, decimal? to, decimal points, string path, ICollection<ConfigurationProblem> problems)
    {
        if (from is { } f && to is { } t && f >= t)
        {
            problems.Add(new ConfigurationProblem($"{path}.to", $"{ConfigurationReader.Format(t)} must be above from {ConfigurationReader.Format(f)}"));
        }

        if (points is < 0m or > 100m)
        {
            problems.Add(new ConfigurationProblem($"{path}.points", $"{ConfigurationReader.Format(points)} is outside 0..100"));
        }
    }
}
