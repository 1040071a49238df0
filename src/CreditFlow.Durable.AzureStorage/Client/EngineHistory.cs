using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CreditFlow.Durable.AzureStorage.Client;

/// <summary>
/// Reads the history the engine hands out as JSON (<c>GetOrchestrationHistoryAsync</c>, written by Newtonsoft
/// without type names) back into the framework's <see cref="HistoryEvent"/> types, by each event's <c>EventType</c>.
/// </summary>
internal static class EngineHistory
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        // The framework's events keep their parameterless constructors non-public, for its own serialisers.
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    });

    public static List<HistoryEvent> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        var events = new List<HistoryEvent>();
        foreach (var item in JArray.Parse(json).OfType<JObject>())
        {
            var type = item.Value<int?>(nameof(HistoryEvent.EventType)) is { } value ? (EventType)value : EventType.GenericEvent;
            events.Add((HistoryEvent)item.ToObject(ClassOf(type), Serializer)!);
        }

        return events;
    }

    private static Type ClassOf(EventType type) => type switch
    {
        EventType.ExecutionStarted => typeof(ExecutionStartedEvent),
        EventType.ExecutionCompleted => typeof(ExecutionCompletedEvent),
        EventType.ExecutionTerminated => typeof(ExecutionTerminatedEvent),
        EventType.ExecutionSuspended => typeof(ExecutionSuspendedEvent),
        EventType.ExecutionResumed => typeof(ExecutionResumedEvent),
        EventType.ContinueAsNew => typeof(ContinueAsNewEvent),
        EventType.TaskScheduled => typeof(TaskScheduledEvent),
        EventType.TaskCompleted => typeof(TaskCompletedEvent),
        EventType.TaskFailed => typeof(TaskFailedEvent),
        EventType.SubOrchestrationInstanceCreated => typeof(SubOrchestrationInstanceCreatedEvent),
        EventType.SubOrchestrationInstanceCompleted => typeof(SubOrchestrationInstanceCompletedEvent),
        EventType.SubOrchestrationInstanceFailed => typeof(SubOrchestrationInstanceFailedEvent),
        EventType.TimerCreated => typeof(TimerCreatedEvent),
        EventType.TimerFired => typeof(TimerFiredEvent),
        EventType.OrchestratorStarted => typeof(OrchestratorStartedEvent),
        EventType.OrchestratorCompleted => typeof(OrchestratorCompletedEvent),
        EventType.EventSent => typeof(EventSentEvent),
        EventType.EventRaised => typeof(EventRaisedEvent),
        EventType.HistoryState => typeof(HistoryStateEvent),
        _ => typeof(GenericEvent),
    };
}
