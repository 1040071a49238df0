using CreditFlow.Durable.Worker;

namespace CreditFlow.Durable.Client;

/// <summary>
/// What an engine behind the SDK's <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/> offers beyond it:
/// partitions, a poison queue, and the Durable Functions HTTP API's purge in any state. CreditFlow's client
/// implements all of it; another backend's client implements what its engine can do and says what it cannot.
/// </summary>
/// <remarks>
/// Callers use the extensions on <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/> in
/// <see cref="CreditFlowClientExtensions"/>, not this interface.
/// </remarks>
public interface IEngineOperations
{
    /// <summary>The engine's name as host.json's <c>storageProvider.type</c> names it (<c>CreditFlow</c>, <c>AzureStorage</c>).</summary>
    string EngineName { get; }

    /// <summary>True when the engine parks failing messages where <see cref="GetPoisonMessagesAsync"/> lists them.</summary>
    bool HasPoisonQueue { get; }

    /// <summary>Every partition with its owner, queue length and, where the engine knows it, next timer.</summary>
    Task<IReadOnlyList<PartitionInfo>> GetPartitionsAsync(CancellationToken cancellationToken);

    /// <summary>Messages parked in the poison queue (up to 32).</summary>
    /// <exception cref="NotSupportedException">The engine has no poison queue (<see cref="HasPoisonQueue"/> is false).</exception>
    Task<IReadOnlyList<(string PoisonId, PoisonMessage Message)>> GetPoisonMessagesAsync(CancellationToken cancellationToken);

    /// <summary>Puts a poison message back on its control queue; false when there is none with this id.</summary>
    /// <exception cref="NotSupportedException">The engine has no poison queue.</exception>
    Task<bool> ReplayPoisonMessageAsync(string poisonId, CancellationToken cancellationToken);

    /// <summary>Deletes a poison message for good; false when there is none with this id.</summary>
    /// <exception cref="NotSupportedException">The engine has no poison queue.</exception>
    Task<bool> DiscardPoisonMessageAsync(string poisonId, CancellationToken cancellationToken);

    /// <summary>Deletes an instance whatever its state; 1 when deleted, 0 when no instance had this id.</summary>
    Task<int> PurgeInAnyStateAsync(string instanceId, CancellationToken cancellationToken);
}
