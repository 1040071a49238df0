namespace CreditFlow.OrderBench;

/// <summary>
/// The run cut into windows by send time: p99 of the first-try decisions and the 503s per window, and how
/// long after a disturbance (the end of a burst, or of a stall) p99 came back under the target for good.
/// </summary>
internal static class RecoveryWindows
{
    /// <summary>The p99 target (ms) a window must meet to count as recovered.</summary>
    public const double TargetMs = 25;

    /// <summary>
    /// p99 (ms) of the latencies of orders decided on their first try, per window of orders first sent in it;
    /// null for a window without any (every order in it shed, say).
    /// </summary>
    public static double?[] P99ByWindow(IEnumerable<OrderRecord> orders, TimeSpan window, TimeSpan runLength)
    {
        var latencies = Enumerable.Range(0, Count(runLength, window)).Select(_ => new List<double>()).ToArray();
        foreach (var order in orders.Where(o => o.DecidedFirstTry))
        {
            latencies[Index(order.SentAt, window, latencies.Length)].Add(order.FirstLatency.TotalMilliseconds);
        }

        return latencies.Select(l => Percentiles.Rank(l.Order().ToArray(), 0.99)).ToArray();
    }

    /// <summary>503 answers per window, by when the attempt that got each was sent (retries after the run's end fall in extra windows).</summary>
    public static int[] ShedByWindow(IEnumerable<OrderRecord> orders, TimeSpan window, TimeSpan runLength)
    {
        var shed = orders.SelectMany(o => o.Attempts).Where(a => a.Status == 503).Select(a => a.SentAt).ToArray();
        var last = shed.Length == 0 ? runLength : TimeSpan.FromTicks(Math.Max(runLength.Ticks, shed.Max().Ticks + 1));
        var counts = new int[Count(last, window)];
        foreach (var at in shed)
        {
            counts[Index(at, window, counts.Length)]++;
        }

        return counts;
    }

    /// <summary>
    /// Seconds from <paramref name="from"/> to the start of the first 1-s window (at or after the one holding
    /// <paramref name="from"/>) from which every 1-s window to the end of the run has p99 ≤ 25 ms; 0 when that
    /// holds from <paramref name="from"/> on; null when even the last window misses it (not recovered).
    /// </summary>
    public static double? RecoverySeconds(IReadOnlyList<double?> p99By1Second, TimeSpan from)
    {
        int? recovered = null;
        for (var k = p99By1Second.Count - 1; k >= (int)Math.Floor(from.TotalSeconds); k--)
        {
            if (p99By1Second[k] is not <= TargetMs)
            {
                break;
            }

            recovered = k;
        }

        return recovered is { } start ? Math.Round(Math.Max(0, start - from.TotalSeconds), 3) : null;
    }

    /// <summary>
    /// Seconds from <paramref name="from"/> to the start of the first 1-s window (at or after the one holding it) whose
    /// p99 is at most 25 ms and in which nothing was shed: the disturbance's backlog is gone; 0 when that is the window
    /// holding <paramref name="from"/>; null when no window is.
    /// </summary>
    public static double? BackToTargetSeconds(IReadOnlyList<double?> p99By1Second, IReadOnlyList<int> shedBy1Second, TimeSpan from)
    {
        for (var k = (int)Math.Floor(from.TotalSeconds); k < p99By1Second.Count; k++)
        {
            if (p99By1Second[k] is <= TargetMs && (k >= shedBy1Second.Count || shedBy1Second[k] == 0))
            {
                return Math.Round(Math.Max(0, k - from.TotalSeconds), 3);
            }
        }

        return null;
    }

    /// <summary>Share (0–1, 3 decimals) of the 1-s windows <paramref name="first"/> to <paramref name="end"/> (exclusive) whose p99 missed 25 ms or is unknown; null for no window.</summary>
    public static double? ShareOverTarget(IReadOnlyList<double?> p99By1Second, int first, int end)
    {
        var windows = p99By1Second.Skip(first).Take(Math.Max(0, end - first)).ToArray();
        return windows.Length == 0 ? null : Math.Round(windows.Count(p => p is not <= TargetMs) / (double)windows.Length, 3);
    }

    private static int Count(TimeSpan length, TimeSpan window) => Math.Max(1, (int)Math.Ceiling(length / window));

    // An order sent a hair past the last window's end (the sender running late) still belongs to the run.
    private static int Index(TimeSpan at, TimeSpan window, int count) => Math.Clamp((int)(at / window), 0, count - 1);
}
