namespace CreditFlow.OrderBench;

/// <summary>p50, p95, p99 and the maximum of a set of durations, in ms (null when the set is empty).</summary>
internal sealed record Percentiles(int Count, double? P50, double? P95, double? P99, double? Max)
{
    public static Percentiles Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Select(d => d.TotalMilliseconds).Order().ToArray();
        return new Percentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), Rank(sorted, 1.0));
    }

    /// <summary>The nearest-rank percentile of sorted values, rounded to 0.01 ms.</summary>
    public static double? Rank(double[] sorted, double p) =>
        sorted.Length == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 2);
}
