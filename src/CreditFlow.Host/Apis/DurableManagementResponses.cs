using System.Text.Json;
using System.Text.Json.Serialization;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableTask.Core.History;

namespace CreditFlow.Host.Apis;

/// <summary>The 202 body of a start or restart, as Durable Functions returns it.</summary>
public sealed record ManagementUrls(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri,
    [property: JsonPropertyName("suspendPostUri")] string SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] string ResumePostUri,
    [property: JsonPropertyName("restartPostUri")] string RestartPostUri,
    [property: JsonPropertyName("rewindPostUri")] string RewindPostUri);

/// <summary>An instance's status, as Durable Functions returns it.</summary>
public sealed record InstanceStatus(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("instanceId")] string InstanceId,
    [property: JsonPropertyName("runtimeStatus")] string RuntimeStatus,
    [property: JsonPropertyName("input")] JsonElement? Input,
    [property: JsonPropertyName("customStatus")] JsonElement? CustomStatus,
    [property: JsonPropertyName("output")] JsonElement? Output,
    [property: JsonPropertyName("createdTime")] DateTimeOffset CreatedTime,
    [property: JsonPropertyName("lastUpdatedTime")] DateTimeOffset LastUpdatedTime,
    [property: JsonPropertyName("historyEvents")] [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Dictionary<string, object?>>? HistoryEvents)
{
    public static InstanceStatus From(OrchestrationMetadata m, bool showInput, IReadOnlyList<HistoryEvent>? history, bool showHistoryOutput) => new(
        m.Name,
        m.InstanceId,
        m.RuntimeStatus.ToString(),
        showInput ? Parse(m.SerializedInput) : null,
        Parse(m.SerializedCustomStatus),
        m.RuntimeStatus == OrchestrationRuntimeStatus.Failed && m.FailureDetails is { } failure
            ? JsonSerializer.SerializeToElement(failure.ToString())
            : Parse(m.SerializedOutput),
        m.CreatedAt,
        m.LastUpdatedAt,
        history?.Select(e => HistoryEntry(e, history, showHistoryOutput)).ToList());

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>One history event with Durable Functions' PascalCase field names.</summary>
    private static Dictionary<string, object?> HistoryEntry(HistoryEvent e, IReadOnlyList<HistoryEvent> all, bool withOutput)
    {
        var entry = new Dictionary<string, object?> { ["EventType"] = e.EventType.ToString(), ["EventId"] = e.EventId, ["Timestamp"] = e.Timestamp };
        switch (e)
        {
            case ExecutionStartedEvent s:
                entry["FunctionName"] = s.Name;
                break;
            case TaskScheduledEvent s:
                entry["FunctionName"] = s.Name;
                break;
            case TaskCompletedEvent c:
                entry["TaskScheduledId"] = c.TaskScheduledId;
                entry["FunctionName"] = all.OfType<TaskScheduledEvent>().FirstOrDefault(s => s.EventId == c.TaskScheduledId)?.Name;
                entry["ScheduledTime"] = all.OfType<TaskScheduledEvent>().FirstOrDefault(s => s.EventId == c.TaskScheduledId)?.Timestamp;
                if (withOutput)
                {
                    entry["Result"] = Parse(c.Result);
                }

                break;
            case TaskFailedEvent f:
                entry["TaskScheduledId"] = f.TaskScheduledId;
                entry["Reason"] = f.FailureDetails?.ErrorMessage ?? f.Reason;
                entry["Details"] = f.FailureDetails?.ErrorType ?? f.Details;
                break;
            case TimerCreatedEvent t:
                entry["FireAt"] = t.FireAt;
                break;
            case TimerFiredEvent t:
                entry["TimerId"] = t.TimerId;
                entry["FireAt"] = t.FireAt;
                break;
            case EventRaisedEvent r:
                entry["Name"] = r.Name;
                if (withOutput)
                {
                    entry["Input"] = Parse(r.Input);
                }

                break;
            case EventSentEvent s:
                entry["Name"] = s.Name;
                entry["InstanceId"] = s.InstanceId;
                break;
            case SubOrchestrationInstanceCreatedEvent s:
                entry["FunctionName"] = s.Name;
                entry["InstanceId"] = s.InstanceId;
                break;
            case ExecutionCompletedEvent c:
                entry["OrchestrationStatus"] = c.OrchestrationStatus.ToString();
                if (withOutput)
                {
                    entry["Result"] = Parse(c.Result);
                }

                if (c.FailureDetails is { } failure)
                {
                    entry["FailureDetails"] = new { failure.ErrorType, failure.ErrorMessage, failure.StackTrace };
                }

                break;
        }

        return entry;
    }
}
