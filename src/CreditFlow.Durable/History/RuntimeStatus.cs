using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.History;

/// <summary>Helpers on the SDK's <see cref="OrchestrationRuntimeStatus"/>.</summary>
internal static class RuntimeStatus
{
    /// <summary>
    /// The moment between an execution's ContinueAsNew and the start of the next one, which the engine
    /// records as the SDK's (now obsolete) ContinuedAsNew value. Clients see it as Running.
    /// </summary>
    public const OrchestrationRuntimeStatus BetweenExecutions = (OrchestrationRuntimeStatus)2;

    /// <summary>True for the states an instance never leaves by itself.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>The status as clients see it.</summary>
    public static OrchestrationRuntimeStatus ForClients(this OrchestrationRuntimeStatus status) =>
        status == BetweenExecutions ? OrchestrationRuntimeStatus.Running : status;
}
