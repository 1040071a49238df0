namespace CreditFlow.OrderBench;

/// <summary>
/// The spread of one rate's repeated runs (steady profile): every run's first-try p99 in run order, their
/// min/median/max, how many met the 25 ms target, errors and limit violations summed, and the range of
/// ledger requests per order. The spread, not the best run, is the figure.
/// </summary>
internal sealed record RateSummary(
    int Rate,
    int Runs,
    IReadOnlyList<double?> P99ByRun,
    double? P99Min,
    double? P99Median,
    double? P99Max,
    int RunsWithP99AtMost25Ms,
    int Errors,
    int LimitViolations,
    int Shed,
    double LedgerRequestsPerOrderMin,
    double LedgerRequestsPerOrderMax)
{
    public static RateSummary Of(int rate, IReadOnlyList<RunResult> runs)
    {
        var p99 = runs.Select(r => r.FirstTryLatencyMs.P99).ToArray();
        // A run without any first-try decision has no p99; it counts as missing the target.
        var known = p99.OfType<double>().Order().ToArray();
        double? median = known.Length == 0 ? null
            : known.Length % 2 == 1 ? known[known.Length / 2]
            : Math.Round((known[(known.Length / 2) - 1] + known[known.Length / 2]) / 2, 2);
        return new RateSummary(
            rate,
            runs.Count,
            p99,
            known.Length == 0 ? null : known[0],
            median,
            known.Length == 0 ? null : known[^1],
            p99.Count(p => p <= RecoveryWindows.TargetMs),
            runs.Sum(r => r.Errors),
            runs.Sum(r => r.LimitViolations),
            runs.Sum(r => r.Shed),
            runs.Min(r => r.LedgerRequestsPerOrder),
            runs.Max(r => r.LedgerRequestsPerOrder));
    }
}
