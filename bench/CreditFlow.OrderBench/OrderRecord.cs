namespace CreditFlow.OrderBench;

/// <summary>One send of an order: when (since the run's start), to which host, the status (0: no answer) and how long the answer took.</summary>
internal sealed record OrderAttempt(TimeSpan SentAt, int Host, int Status, TimeSpan Latency);

/// <summary>
/// One order from its first send to its final answer. The ERP resends the same order after a 503, so an
/// order may have several attempts; only the final one can be its decision.
/// </summary>
internal sealed record OrderRecord(string Customer, decimal Amount, IReadOnlyList<OrderAttempt> Attempts, bool Passed, TimeSpan EndToEnd)
{
    public TimeSpan SentAt => Attempts[0].SentAt;

    public TimeSpan FirstLatency => Attempts[0].Latency;

    public int FirstStatus => Attempts[0].Status;

    public int FinalStatus => Attempts[^1].Status;

    /// <summary>The final answer was a decision (200: pass or hold).</summary>
    public bool Decided => FinalStatus == 200;

    /// <summary>Decided by the first answer: the latency held against the p99 target is this one's.</summary>
    public bool DecidedFirstTry => Attempts.Count == 1 && Decided;

    /// <summary>How many of its answers were 503 (shed or a busy customer).</summary>
    public int Shed => Attempts.Count(a => a.Status == 503);
}
