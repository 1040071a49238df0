using CreditFlow.Durable.History;

namespace CreditFlow.Durable.Storage;

/// <summary>An event on its way to an orchestration instance.</summary>
/// <param name="InstanceId">The target instance.</param>
/// <param name="ExecutionId">The target execution; null for any (e.g. raised events, terminate).</param>
/// <param name="Event">The event to append to the target's history.</param>
/// <param name="MessageId">Unique per message, and the same for every re-send of it, so receivers drop duplicates.</param>
internal sealed record TaskMessage(string InstanceId, string? ExecutionId, HistoryEvent Event, string MessageId);
