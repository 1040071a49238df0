using CreditFlow.Durable.Worker;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Client;

/// <summary>
/// What CreditFlow's engine offers beyond the SDK's <see cref="DurableTaskClient"/>: its partitions,
/// its poison queue, and the Durable Functions HTTP API's purge in any state. A client of another engine
/// serves them through <see cref="IEngineOperations"/> where that engine can (Microsoft's engine lists its
/// partitions and purges in any state, but has no poison queue).
/// </summary>
public static class CreditFlowClientExtensions
{
    /// <summary>True when <paramref name="client"/> runs on CreditFlow's engine, so every one of these extensions works.</summary>
    public static bool IsCreditFlowEngine(this DurableTaskClient client) => client is CreditFlowDurableTaskClient;

    /// <summary>The engine behind <paramref name="client"/> as host.json names it, or its type name when it is no engine CreditFlow knows.</summary>
    public static string EngineName(this DurableTaskClient client) =>
        client is IEngineOperations engine ? engine.EngineName : client?.GetType().Name ?? "none";

    /// <summary>True when the engine behind <paramref name="client"/> has a poison queue.</summary>
    public static bool HasPoisonQueue(this DurableTaskClient client) => client is IEngineOperations { HasPoisonQueue: true };

    /// <summary>Every partition with its owner, queue length and next timer.</summary>
    /// <exception cref="NotSupportedException">The client is on no engine CreditFlow knows.</exception>
    public static Task<IReadOnlyList<PartitionInfo>> GetPartitionsAsync(this DurableTaskClient client, CancellationToken cancellationToken = default) =>
        Engine(client).GetPartitionsAsync(cancellationToken);

    /// <summary>Messages parked in the poison queue (up to 32), with why they were parked.</summary>
    /// <exception cref="NotSupportedException">The engine has no poison queue (only CreditFlow's has one).</exception>
    public static Task<IReadOnlyList<(string PoisonId, PoisonMessage Message)>> GetPoisonMessagesAsync(this DurableTaskClient client, CancellationToken cancellationToken = default) =>
        Engine(client).GetPoisonMessagesAsync(cancellationToken);

    /// <summary>Puts a poison message back on its control queue; false when there is none with this id.</summary>
    /// <exception cref="NotSupportedException">The engine has no poison queue (only CreditFlow's has one).</exception>
    public static Task<bool> ReplayPoisonMessageAsync(this DurableTaskClient client, string poisonId, CancellationToken cancellationToken = default) =>
        Engine(client).ReplayPoisonMessageAsync(poisonId, cancellationToken);

    /// <summary>Deletes a poison message for good; false when there is none with this id.</summary>
    /// <exception cref="NotSupportedException">The engine has no poison queue (only CreditFlow's has one).</exception>
    public static Task<bool> DiscardPoisonMessageAsync(this DurableTaskClient client, string poisonId, CancellationToken cancellationToken = default) =>
        Engine(client).DiscardPoisonMessageAsync(poisonId, cancellationToken);

    /// <summary>
    /// Deletes an instance whatever its state, as the Durable Functions HTTP API's purge does (the SDK's
    /// <see cref="DurableTaskClient.PurgeInstanceAsync(string, PurgeInstanceOptions, CancellationToken)"/> purges ended ones only).
    /// </summary>
    /// <returns>1 when deleted, 0 when no instance had this id.</returns>
    /// <exception cref="NotSupportedException">The client is on no engine CreditFlow knows.</exception>
    public static Task<int> PurgeInAnyStateAsync(this DurableTaskClient client, string instanceId, CancellationToken cancellationToken = default) =>
        Engine(client).PurgeInAnyStateAsync(instanceId, cancellationToken);

    /// <summary>
    /// Instances of one orchestrator matching <paramref name="filter"/> (the SDK's query has no name filter).
    /// On CreditFlow's engine storage filters them; on another client each page is filtered as it arrives.
    /// </summary>
    public static Microsoft.DurableTask.AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(this DurableTaskClient client, string orchestratorName, OrchestrationQuery? filter = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        return client is CreditFlowDurableTaskClient engine
            ? engine.GetAllInstancesAsync(filter, orchestratorName)
            : Microsoft.DurableTask.Pageable.Create(async (string? continuation, int? size, CancellationToken cancellation) =>
            {
                await foreach (var page in client.GetAllInstancesAsync((filter ?? new OrchestrationQuery()) with { ContinuationToken = continuation }).AsPages(continuation, size).WithCancellation(cancellation))
                {
                    return new Microsoft.DurableTask.Page<OrchestrationMetadata>([.. page.Values.Where(m => m.Name == orchestratorName)], page.ContinuationToken);
                }

                return new Microsoft.DurableTask.Page<OrchestrationMetadata>([], null);
            });
    }

    private static IEngineOperations Engine(DurableTaskClient client) =>
        client as IEngineOperations
            ?? throw new NotSupportedException($"{client?.GetType().Name} is no engine CreditFlow knows; partitions, the poison queue and purge in any state need CreditFlow's engine or Microsoft's (AzureStorage).");
}
