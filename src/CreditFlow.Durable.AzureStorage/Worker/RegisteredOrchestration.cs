using CreditFlow.Durable.Client;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;

namespace CreditFlow.Durable.AzureStorage.Worker;

/// <summary>
/// One work item's orchestration: the SDK's shim of the registered class for the instance's version,
/// chosen once the work item's history is known (<see cref="Bind"/>, called by <see cref="ExecutionBinding"/>).
/// </summary>
/// <remarks>
/// The engine asks its object manager for the orchestration before any middleware sees the history, by the
/// version recorded so far; a new instance has none yet. So the class is picked here, by the same rule as
/// CreditFlow's engine: a fresh start that names no version runs on the newest registered, and that version is
/// written into its <c>ExecutionStarted</c> (and the Instances row) before the first checkpoint; every later
/// step, and a ContinueAsNew, replays on the recorded one. The decision is marked with the
/// <see cref="VersionChosenFor"/> tag naming the instance, which the engine carries over a ContinueAsNew,
/// so an unversioned instance stays unversioned when a version 2 appears. The parent of a
/// sub-orchestration goes into a tag too, since the engine's Instances table does not keep it.
/// </remarks>
internal sealed class RegisteredOrchestration(OrchestrationCatalog catalog, string name) : TaskOrchestration
{
    /// <summary>The tag that marks an instance's version as decided (by an explicit start, or at its first step): its value is the instance's id.</summary>
    public const string VersionChosenFor = "creditflow.versionChosenFor";

    private TaskOrchestration? _shim;
    private string? _problem;

    /// <summary>Why no registered class can run this instance (its version or its name is not registered); null when bound.</summary>
    public string? Problem => _problem;

    /// <summary>Picks the version and creates the shim; a second call (a resumed extended session) changes nothing.</summary>
    public void Bind(OrchestrationRuntimeState state)
    {
        if (_shim is not null || _problem is not null || state.ExecutionStartedEvent is not { } started)
        {
            return;
        }

        started.Tags ??= new Dictionary<string, string>();
        var instanceId = state.OrchestrationInstance?.InstanceId ?? string.Empty;
        if (!(started.Tags.TryGetValue(VersionChosenFor, out var chosenFor) && chosenFor == instanceId))
        {
            // Not decided yet: this is the instance's first step (ContinueAsNew carries the tag over; a
            // sub-orchestration inherits its parent's tags, whose mark names the parent, not this instance).
            if (string.IsNullOrEmpty(started.Version) && catalog.Versions.Newest(name) is { } newest)
            {
                started.Version = newest;
            }

            started.Tags[VersionChosenFor] = instanceId;
            if (started.ParentInstance?.OrchestrationInstance?.InstanceId is { } parentId)
            {
                started.Tags[CreditFlowDurableTaskClient.ParentTag] = parentId;
            }
            else
            {
                started.Tags.Remove(CreditFlowDurableTaskClient.ParentTag);
            }
        }

        var orchestrator = catalog.Versions.Create(name, started.Version, catalog.Services, out _problem);
        if (orchestrator is null)
        {
            Log.CannotRun(catalog.Logger, state.OrchestrationInstance?.InstanceId ?? "?", _problem!);
            return;
        }

        var parent = started.ParentInstance is { } p
            ? new ParentOrchestrationInstance(new TaskName(p.Name), p.OrchestrationInstance.InstanceId)
            : null;
        _shim = catalog.Shims.CreateOrchestration(new TaskName(name), orchestrator, parent);
    }

    /// <inheritdoc />
    /// <remarks>Never runs unbound: <see cref="ExecutionBinding"/> ends an instance it cannot bind before the engine gets here.</remarks>
    public override Task<string> Execute(OrchestrationContext context, string input) =>
        _shim?.Execute(context, input)
            ?? Task.FromException<string>(new InvalidOperationException($"Orchestration '{name}' ran without being bound to its history; the execution binding middleware is missing."));

    /// <inheritdoc />
    public override string? GetStatus() => _shim?.GetStatus();

    /// <inheritdoc />
    public override void RaiseEvent(OrchestrationContext context, string name, string input) => _shim?.RaiseEvent(context, name, input);
}
