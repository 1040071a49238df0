using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.AzureStorage.Client;

internal static class RuntimeStatusExtensions
{
    /// <summary>Completed, failed or terminated: nothing more will happen to the instance.</summary>
    public static bool IsEnded(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
