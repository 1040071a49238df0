namespace CreditFlow.Durable;

/// <summary>
/// The orchestrator's code no longer produces the actions its history records, typically
/// because the code changed while instances were running. The instance fails with this error.
/// </summary>
public sealed class NonDeterministicOrchestrationException(int taskId, string expected, string actual)
    : Exception($"Non-deterministic orchestration: at task #{taskId} the history expects {expected}, but the code did {actual}.")
{
    /// <summary>The task id where history and code part ways.</summary>
    public int TaskId { get; } = taskId;

    /// <summary>What the history records.</summary>
    public string Expected { get; } = expected;

    /// <summary>What the code did instead.</summary>
    public string Actual { get; } = actual;
}
