using System.Text.Json.Serialization;
using CreditFlow.Durable.Tracing;

namespace CreditFlow.Durable.Storage;

/// <summary>
/// Work a checkpoint committed and that must happen after it: run an activity, store a timer,
/// send a message. Kept in the instance's outbox row until a later checkpoint supersedes it, so a
/// crash after the commit re-dispatches instead of losing it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(RunActivity), nameof(RunActivity))]
[JsonDerivedType(typeof(StoreTimer), nameof(StoreTimer))]
[JsonDerivedType(typeof(SendMessage), nameof(SendMessage))]
internal abstract record OutboxItem;

/// <summary>Run an activity for the instance; <see cref="Trace"/> is the scheduling step's trace context, the activity span's parent.</summary>
internal sealed record RunActivity(
    string ExecutionId, int TaskId, string Name, string? Input,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TraceContext? Trace = null) : OutboxItem;

/// <summary>Store a durable timer that delivers <see cref="Message"/> at <see cref="DueAt"/>.</summary>
internal sealed record StoreTimer(DateTime DueAt, TaskMessage Message) : OutboxItem;

/// <summary>Send a message to an instance (possibly this one).</summary>
internal sealed record SendMessage(TaskMessage Message) : OutboxItem;
