using CreditFlow.Durable.Versioning;
using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable.AzureStorage.Worker;

/// <summary>
/// The registry's orchestrators as the engine's object manager hands them out: for every name and
/// version a fresh <see cref="RegisteredOrchestration"/>, because the SDK's shim keeps the state of one
/// execution and must not be shared between work items.
/// </summary>
internal sealed class OrchestrationCatalog(OrchestratorVersions versions, DurableTaskShimFactory shims, IServiceProvider services, ILogger logger)
    : INameVersionObjectManager<TaskOrchestration>
{
    public OrchestratorVersions Versions => versions;

    public DurableTaskShimFactory Shims => shims;

    public IServiceProvider Services => services;

    public ILogger Logger => logger;

    /// <inheritdoc />
    /// <remarks>Any name: an unknown one fails the instance with an explanation when it runs, rather than retrying it forever.</remarks>
    public TaskOrchestration GetObject(string name, string? version) => new RegisteredOrchestration(this, name);

    /// <inheritdoc />
    public void Add(ObjectCreator<TaskOrchestration> creator) =>
        throw new NotSupportedException("Orchestrators are registered with the SDK's DurableTaskRegistry, not with the engine.");
}
