namespace CreditFlow.OrderBench;

/// <summary>
/// What one measured run reports (serialised as it is, in this order). Latency figures are ms. "First try"
/// means orders whose first answer was their decision: that p99 is the one held against the target; the
/// end-to-end figures cover every order, from its first send to its final answer (retries included).
/// </summary>
internal sealed record RunResult
{
    public required string Label { get; init; }

    /// <summary>The rate, or the first phase's rate.</summary>
    public required int Rate { get; init; }

    public required IReadOnlyList<LoadPhase> Phases { get; init; }

    public required string Storage { get; init; }

    public required int Processes { get; init; }

    public required int Seconds { get; init; }

    /// <summary>Orders sent (each counted once, however often it was retried).</summary>
    public required int Sent { get; init; }

    /// <summary>Requests sent: first tries and retries.</summary>
    public required int Attempts { get; init; }

    public required double WallSeconds { get; init; }

    /// <summary>Orders whose final answer was not a decision (an error status, no answer, or 503 after the last retry).</summary>
    public required int Errors { get; init; }

    public required int Passed { get; init; }

    public required int Held { get; init; }

    /// <summary>503 answers (shed, or a busy customer), over all attempts.</summary>
    public required int Shed { get; init; }

    public required int OrdersRetried { get; init; }

    /// <summary>Orders still answered 503 when the ERP stopped retrying (ten attempts, or past the run's end plus the grace).</summary>
    public required int OrdersGaveUp { get; init; }

    public required int OrdersDecidedFirstTry { get; init; }

    public required Percentiles FirstTryLatencyMs { get; init; }

    public required Percentiles EndToEndMs { get; init; }

    /// <summary>p99 of first-try decisions per 5 s of send time (null: no first-try decision in the window).</summary>
    public required IReadOnlyList<double?> P99By5Seconds { get; init; }

    /// <summary>503 answers per 5 s of the sending attempt's time; late retries may add windows past the run.</summary>
    public required IReadOnlyList<int> ShedBy5Seconds { get; init; }

    /// <summary>For the overload and stall profiles.</summary>
    public Recovery? Recovery { get; init; }

    /// <summary>For the stall profile: when Azurite was stopped and resumed (s on the run's clock).</summary>
    public object? AzuriteStall { get; init; }

    /// <summary>Ledger storage requests of every host process, per order sent.</summary>
    public required double LedgerRequestsPerOrder { get; init; }

    public required long LedgerRequestsAbove2PerOrder { get; init; }

    /// <summary>This process: the bench and the in-process host.</summary>
    public required double HostProcessCpuPercentOfOneCore { get; init; }

    /// <summary>The child host processes together (null with one process).</summary>
    public double? ChildHostsCpuPercentOfOneCore { get; init; }

    public required object BenchProcessGc { get; init; }

    public required object StallsOver20Ms { get; init; }

    public required long StartedAtUnixMs { get; init; }

    public required int LimitViolations { get; init; }

    public required int WarmupOrdersBefore { get; init; }
}

/// <summary>
/// How the run came back after a disturbance: <see cref="RecoverySeconds"/> is the time from <see cref="FromSecond"/>
/// to the start of the first 1-s window from which every 1-s window to the end of the run has a first-try p99 of at
/// most 25 ms (see <see cref="RecoveryWindows.RecoverySeconds"/>); null when it never did.
/// </summary>
/// <remarks>
/// That figure is strict: one slow second anywhere later (a garbage collection in Azurite, which steady runs have
/// too) puts it back. <see cref="BackToTargetSeconds"/> says when the disturbance's own backlog was gone, and the two
/// shares say whether the seconds after it missed the target more often than the seconds before the disturbance.
/// </remarks>
internal sealed record Recovery(string After, double FromSecond, double? RecoverySeconds, string Verdict, IReadOnlyList<double?> P99By1Second, IReadOnlyList<int> ShedBy1Second)
{
    /// <summary>Seconds from the end of the disturbance to the first 1-s window with p99 ≤ 25 ms and nothing shed; null if none.</summary>
    public double? BackToTargetSeconds { get; init; }

    /// <summary>Share of the 1-s windows before the disturbance began whose p99 missed 25 ms (or had no first-try decision).</summary>
    public double? WindowsOverTargetBefore { get; init; }

    /// <summary>Share of the 1-s windows from <see cref="BackToTargetSeconds"/> to the end of the run that missed it.</summary>
    public double? WindowsOverTargetAfter { get; init; }
}
