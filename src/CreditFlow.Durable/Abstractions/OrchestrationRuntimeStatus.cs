namespace CreditFlow.Durable;

/// <summary>Where an orchestration instance is in its life.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Running: started and not yet finished.</summary>
    Running = 0,

    /// <summary>Completed with an output.</summary>
    Completed = 1,

    /// <summary>Ended one execution and started a fresh one with new input.</summary>
    ContinuedAsNew = 2,

    /// <summary>Failed with an unhandled exception.</summary>
    Failed = 3,

    /// <summary>Cancelled (kept for compatibility with the Durable Task status values).</summary>
    Canceled = 4,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated = 5,

    /// <summary>Scheduled but not yet started.</summary>
    Pending = 6,

    /// <summary>Paused by a suspend request; events are kept until it resumes.</summary>
    Suspended = 7,
}

/// <summary>Helpers on <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for the states an instance never leaves by itself.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;
}
