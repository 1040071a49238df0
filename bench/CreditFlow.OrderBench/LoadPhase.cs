using System.Globalization;

namespace CreditFlow.OrderBench;

/// <summary>A stretch of the measured run at one rate: <c>200x30</c> is 200 orders a second for 30 s.</summary>
internal sealed record LoadPhase(int Rate, int Seconds)
{
    /// <summary>The overload profile's default: 30 s at 200/s, a 15-s burst at 600/s, 30 s at 200/s.</summary>
    public const string OverloadDefault = "200x30,600x15,200x30";

    public int Orders => Rate * Seconds;

    /// <summary>Reads <c>rate x seconds</c> pairs separated by commas, e.g. <c>200x30,600x15,200x30</c>.</summary>
    /// <exception cref="ArgumentException">A pair is not two positive integers joined by <c>x</c>.</exception>
    public static LoadPhase[] ParseList(string text) => text.Split(',').Select(Parse).ToArray();

    /// <summary>Seconds from the start of the run to the end of the last phase.</summary>
    public static TimeSpan Length(IEnumerable<LoadPhase> phases) => TimeSpan.FromSeconds(phases.Sum(p => p.Seconds));

    /// <summary>
    /// When the phase with the highest rate (the first of them on a tie) ends, since the run's start:
    /// the overload profile's recovery is counted from there.
    /// </summary>
    public static TimeSpan EndOfHighest(IReadOnlyList<LoadPhase> phases)
    {
        var highest = phases.Select((p, i) => (p.Rate, i)).MaxBy(p => p.Rate).i;
        return Length(phases.Take(highest + 1));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rate}x{Seconds}");

    private static LoadPhase Parse(string pair)
    {
        var parts = pair.Trim().Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rate) && rate > 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return new LoadPhase(rate, seconds);
        }

        throw new ArgumentException($"'{pair}' is not a phase: write rate x seconds, e.g. 600x15.");
    }
}
