namespace CreditFlow.Durable.Worker;

/// <summary>Points in the worker where a test may simulate a crash.</summary>
public enum FaultPoint
{
    /// <summary>After the step ran, before its checkpoint is committed.</summary>
    BeforeCommit,

    /// <summary>After the checkpoint committed, before its outbox is dispatched.</summary>
    AfterCommit,

    /// <summary>After the outbox was dispatched, before the consumed messages are acknowledged.</summary>
    AfterDispatch,

    /// <summary>Right before consumed messages and fired timers are deleted.</summary>
    BeforeDelete,

    /// <summary>After an activity returned, before its result reaches the orchestration.</summary>
    ActivityCompleted,
}

/// <summary>A hook the worker calls at each <see cref="FaultPoint"/>; tests throw <see cref="SimulatedCrashException"/> from it.</summary>
public interface IFaultInjector
{
    /// <summary>Called at <paramref name="point"/> while working on <paramref name="instanceId"/>.</summary>
    void At(FaultPoint point, string instanceId);
}

/// <summary>Thrown by a fault injector: the worker stops at once, as if its process had died.</summary>
public sealed class SimulatedCrashException(FaultPoint point, string instanceId)
    : Exception($"Simulated crash at {point} for instance '{instanceId}'.")
{
    /// <summary>Where the crash happened.</summary>
    public FaultPoint Point { get; } = point;
}
