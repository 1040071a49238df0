using System.Text.Json.Serialization;

namespace CreditFlow.Durable.History;

/// <summary>
/// One entry of an orchestration's event-sourced history, with the Durable Task Framework's
/// event types. The history is the truth: replaying it through the orchestrator's code rebuilds
/// the orchestration's state.
/// </summary>
/// <remarks>
/// <see cref="EventId"/> is the task id for events that schedule work (TaskScheduled,
/// TimerCreated, SubOrchestrationInstanceCreated, EventSent) and -1 otherwise; completion events
/// refer back to it. <see cref="MessageId"/> identifies the message an incoming event arrived in,
/// so a redelivered message is recognised and dropped.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(OrchestratorStarted), nameof(OrchestratorStarted))]
[JsonDerivedType(typeof(OrchestratorCompleted), nameof(OrchestratorCompleted))]
[JsonDerivedType(typeof(ExecutionStarted), nameof(ExecutionStarted))]
[JsonDerivedType(typeof(ExecutionCompleted), nameof(ExecutionCompleted))]
[JsonDerivedType(typeof(ExecutionTerminated), nameof(ExecutionTerminated))]
[JsonDerivedType(typeof(ExecutionSuspended), nameof(ExecutionSuspended))]
[JsonDerivedType(typeof(ExecutionResumed), nameof(ExecutionResumed))]
[JsonDerivedType(typeof(ContinueAsNew), nameof(ContinueAsNew))]
[JsonDerivedType(typeof(TaskScheduled), nameof(TaskScheduled))]
[JsonDerivedType(typeof(TaskCompleted), nameof(TaskCompleted))]
[JsonDerivedType(typeof(TaskFailed), nameof(TaskFailed))]
[JsonDerivedType(typeof(TimerCreated), nameof(TimerCreated))]
[JsonDerivedType(typeof(TimerFired), nameof(TimerFired))]
[JsonDerivedType(typeof(EventRaised), nameof(EventRaised))]
[JsonDerivedType(typeof(EventSent), nameof(EventSent))]
[JsonDerivedType(typeof(SubOrchestrationInstanceCreated), nameof(SubOrchestrationInstanceCreated))]
[JsonDerivedType(typeof(SubOrchestrationInstanceCompleted), nameof(SubOrchestrationInstanceCompleted))]
[JsonDerivedType(typeof(SubOrchestrationInstanceFailed), nameof(SubOrchestrationInstanceFailed))]
public abstract record HistoryEvent
{
    /// <summary>Task id for scheduling events; -1 for the others.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>When the event was recorded (UTC).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>Id of the message that carried this event in, for de-duplication; null for events the orchestrator produced.</summary>
    public string? MessageId { get; init; }

    /// <summary>The event type's name, as the Durable Task Framework calls it.</summary>
    [JsonIgnore]
    public string EventType => GetType().Name;
}

/// <summary>A step of the orchestrator began; its timestamp is <c>CurrentUtcDateTime</c> for that step.</summary>
public sealed record OrchestratorStarted : HistoryEvent;

/// <summary>A step of the orchestrator ended; events after it are new to the next step.</summary>
public sealed record OrchestratorCompleted : HistoryEvent;

/// <summary>An execution started.</summary>
public sealed record ExecutionStarted(string Name, string ExecutionId, string? Input, ParentOrchestrationInstance? Parent = null, DateTime? ScheduledStartTime = null) : HistoryEvent;

/// <summary>The execution ended.</summary>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? FailureDetails = null) : HistoryEvent;

/// <summary>A terminate request arrived.</summary>
public sealed record ExecutionTerminated(string? Reason, bool Recursive = false) : HistoryEvent;

/// <summary>A suspend request arrived; events are kept, not applied, until resumed.</summary>
public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

/// <summary>A resume request arrived.</summary>
public sealed record ExecutionResumed(string? Reason) : HistoryEvent;

/// <summary>The execution continued as a new one with this input.</summary>
public sealed record ContinueAsNew(string? Input, string NewExecutionId) : HistoryEvent;

/// <summary>An activity was scheduled.</summary>
public sealed record TaskScheduled(string Name, string? Input) : HistoryEvent;

/// <summary>An activity returned.</summary>
public sealed record TaskCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>An activity threw.</summary>
public sealed record TaskFailed(int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent;

/// <summary>A durable timer was created.</summary>
public sealed record TimerCreated(DateTime FireAt) : HistoryEvent;

/// <summary>A durable timer fired.</summary>
public sealed record TimerFired(int TimerId, DateTime FireAt) : HistoryEvent;

/// <summary>An external event arrived.</summary>
public sealed record EventRaised(string Name, string? Input) : HistoryEvent;

/// <summary>The orchestrator raised an event to another instance.</summary>
public sealed record EventSent(string InstanceId, string Name, string? Input) : HistoryEvent;

/// <summary>A child orchestration was started.</summary>
public sealed record SubOrchestrationInstanceCreated(string Name, string InstanceId, string? Input) : HistoryEvent;

/// <summary>A child orchestration completed.</summary>
public sealed record SubOrchestrationInstanceCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>A child orchestration failed.</summary>
public sealed record SubOrchestrationInstanceFailed(int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent;
