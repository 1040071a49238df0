using System.Text.Json.Serialization;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Tracing;

namespace CreditFlow.Durable.Storage;

/// <summary>An event on its way to an orchestration instance.</summary>
/// <param name="InstanceId">The target instance.</param>
/// <param name="ExecutionId">The target execution; null for any (e.g. raised events, terminate).</param>
/// <param name="Event">The event to append to the target's history.</param>
/// <param name="MessageId">Unique per message, and the same for every re-send of it, so receivers drop duplicates.</param>
/// <param name="Carried">With a start after ContinueAsNew: events the previous execution received but did not consume.</param>
/// <param name="IndexETag">With a client's start: the ETag of the index row the client wrote, so the first index update is fenced without a read.</param>
/// <param name="InputBlob">With a client's start: the blob holding a large input, which the instance's rows then share.</param>
/// <param name="Trace">
/// The trace context of the span that sent it, so the step it wakes continues that trace (in any process);
/// absent while tracing is off, and in messages written before it existed.
/// </param>
internal sealed record TaskMessage(
    string InstanceId, string? ExecutionId, HistoryEvent Event, string MessageId,
    IReadOnlyList<EventRaised>? Carried = null, string? IndexETag = null, string? InputBlob = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TraceContext? Trace = null);
