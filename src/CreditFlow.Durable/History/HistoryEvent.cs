using System.Text.Json.Serialization;
using CreditFlow.Durable.Tracing;
using Microsoft.DurableTask.Client;

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
[JsonDerivedType(typeof(ExecutionRewound), nameof(ExecutionRewound))]
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
internal abstract record HistoryEvent
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
internal sealed record OrchestratorStarted : HistoryEvent;

/// <summary>A step of the orchestrator ended; events after it are new to the next step.</summary>
internal sealed record OrchestratorCompleted : HistoryEvent;

/// <summary>An execution started.</summary>
/// <remarks>
/// <see cref="Version"/> is the orchestrator version the execution runs on: asked for by the starter, or
/// else the newest version registered with the worker that first runs it. Histories written before
/// versions were recorded have none and run on the unversioned registration.
/// <see cref="Trace"/> is the trace context of whoever started it (a client's or a parent's span), kept in
/// history; absent while tracing is off and in histories written before it existed.
/// </remarks>
internal sealed record ExecutionStarted(
    string Name, string ExecutionId, string? Input, ParentInstance? Parent = null, DateTime? ScheduledStartTime = null, string? Version = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TraceContext? Trace = null) : HistoryEvent;

/// <summary>The execution ended.</summary>
internal sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, FailureDetails? FailureDetails = null) : HistoryEvent;

/// <summary>A terminate request arrived.</summary>
internal sealed record ExecutionTerminated(string? Reason, bool Recursive = false) : HistoryEvent;

/// <summary>A suspend request arrived; events are kept, not applied, until resumed.</summary>
internal sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

/// <summary>A resume request arrived.</summary>
internal sealed record ExecutionResumed(string? Reason) : HistoryEvent;

/// <summary>A rewind request arrived: a failed execution runs again from its last good state, its failed tasks retried.</summary>
internal sealed record ExecutionRewound(string? Reason) : HistoryEvent;

/// <summary>The execution continued as a new one with this input.</summary>
internal sealed record ContinueAsNew(string? Input, string NewExecutionId) : HistoryEvent;

/// <summary>An activity was scheduled.</summary>
internal sealed record TaskScheduled(string Name, string? Input) : HistoryEvent;

/// <summary>An activity returned.</summary>
internal sealed record TaskCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>An activity threw.</summary>
internal sealed record TaskFailed(int TaskScheduledId, FailureDetails FailureDetails) : HistoryEvent;

/// <summary>A durable timer was created.</summary>
internal sealed record TimerCreated(DateTime FireAt) : HistoryEvent;

/// <summary>A durable timer fired.</summary>
internal sealed record TimerFired(int TimerId, DateTime FireAt) : HistoryEvent;

/// <summary>An external event arrived.</summary>
/// <remarks><see cref="Trace"/> is the trace context of the span that raised it (absent while tracing is off, and in older histories).</remarks>
internal sealed record EventRaised(string Name, string? Input, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TraceContext? Trace = null) : HistoryEvent;

/// <summary>The orchestrator raised an event to another instance.</summary>
internal sealed record EventSent(string InstanceId, string Name, string? Input) : HistoryEvent;

/// <summary>A child orchestration was started.</summary>
internal sealed record SubOrchestrationInstanceCreated(string Name, string InstanceId, string? Input) : HistoryEvent;

/// <summary>A child orchestration completed.</summary>
internal sealed record SubOrchestrationInstanceCompleted(int TaskScheduledId, string? Result) : HistoryEvent;

/// <summary>A child orchestration failed.</summary>
internal sealed record SubOrchestrationInstanceFailed(int TaskScheduledId, FailureDetails FailureDetails) : HistoryEvent;
