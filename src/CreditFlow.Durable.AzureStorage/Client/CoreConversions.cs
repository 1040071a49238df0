using CreditFlow.Durable.Client;
using CreditFlow.Durable.Execution;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Core = DurableTask.Core;

namespace CreditFlow.Durable.AzureStorage.Client;

/// <summary>The engine's statuses, states and failures as the SDK's, the way CreditFlow's own client shows them.</summary>
internal static class CoreConversions
{
    /// <summary>Every status an instance can be in before it ends; a start refuses to replace one of these unless told otherwise.</summary>
    public static readonly Core.OrchestrationStatus[] NotEnded =
        [Core.OrchestrationStatus.Pending, Core.OrchestrationStatus.Running, Core.OrchestrationStatus.Suspended, Core.OrchestrationStatus.ContinuedAsNew];

    /// <summary>The SDK's status; the moment between a ContinueAsNew and the next start is Running, as on CreditFlow's engine.</summary>
    public static OrchestrationRuntimeStatus ToSdk(Core.OrchestrationStatus status) => status switch
    {
        Core.OrchestrationStatus.ContinuedAsNew => OrchestrationRuntimeStatus.Running,
        _ => (OrchestrationRuntimeStatus)(int)status,
    };

    public static Core.OrchestrationStatus ToCore(OrchestrationRuntimeStatus status) => (Core.OrchestrationStatus)(int)status;

    public static bool IsEnded(Core.OrchestrationStatus status) =>
        status is Core.OrchestrationStatus.Completed or Core.OrchestrationStatus.Failed or Core.OrchestrationStatus.Terminated or Core.OrchestrationStatus.Canceled;

    public static OrchestrationMetadata ToMetadata(Core.OrchestrationState state, bool withPayloads) => new(state.Name ?? string.Empty, state.OrchestrationInstance.InstanceId)
    {
        RuntimeStatus = ToSdk(state.OrchestrationStatus),
        CreatedAt = Utc(state.CreatedTime),
        LastUpdatedAt = Utc(state.LastUpdatedTime),
        SerializedInput = withPayloads ? state.Input : null,
        SerializedOutput = withPayloads && state.OrchestrationStatus != Core.OrchestrationStatus.Failed ? state.Output : null,
        SerializedCustomStatus = state.Status,
        FailureDetails = FailureOf(state),
        DataConverter = PayloadConverter.Instance,
        Tags = TagsOf(state),
    };

    /// <summary>
    /// The failure of a failed instance. The engine's Instances table keeps only "type: message" in the output
    /// (the stack trace is in the history's ExecutionCompleted event), so that is what a status read shows.
    /// </summary>
    private static TaskFailureDetails? FailureOf(Core.OrchestrationState state)
    {
        if (state.FailureDetails is { } details)
        {
            return ToSdk(details);
        }

        if (state.OrchestrationStatus != Core.OrchestrationStatus.Failed)
        {
            return null;
        }

        var text = state.Output ?? string.Empty;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !text[..colon].Contains(' ', StringComparison.Ordinal)
            ? new TaskFailureDetails(text[..colon], text[(colon + 2)..], null, null, null)
            : new TaskFailureDetails("Failure", text, null, null, null);
    }

    public static TaskFailureDetails ToSdk(Core.FailureDetails details) =>
        new(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure is { } inner ? ToSdk(inner) : null, null);

    /// <summary>
    /// The tags CreditFlow's client shows, as on its own engine: the version (absent when unversioned) and a
    /// sub-orchestration's parent, both written by the worker at the instance's first step.
    /// </summary>
    private static Dictionary<string, string> TagsOf(Core.OrchestrationState state)
    {
        var tags = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(state.Version))
        {
            tags[CreditFlowDurableTaskClient.VersionTag] = state.Version;
        }

        if (state.Tags?.TryGetValue(CreditFlowDurableTaskClient.ParentTag, out var parent) == true)
        {
            tags[CreditFlowDurableTaskClient.ParentTag] = parent;
        }

        return tags;
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
