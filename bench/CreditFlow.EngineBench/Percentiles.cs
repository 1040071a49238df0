namespace CreditFlow.EngineBench;

/// <summary>Nearest-rank percentiles of durations, in milliseconds.</summary>
internal static class Percentiles
{
    public static object Of(IReadOnlyCollection<TimeSpan> samples)
    {
        var sorted = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0
            ? new { count = 0 }
            : new { count = sorted.Length, p50 = Round(At(sorted, 50)), p95 = Round(At(sorted, 95)), max = Round(sorted[^1]), mean = Round(sorted.Average()) };
    }

    public static double At(double[] sorted, int percent) => sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];

    public static double Round(double value) => Math.Round(value, 2);
}
