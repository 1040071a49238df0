using System.Text.Json;
using CreditFlow.Durable.Execution;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.AzureStorage.Client;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> on Microsoft's engine: an adapter over the hub's
/// <see cref="AzureStorageOrchestrationService"/> as <see cref="IOrchestrationServiceClient"/>. Created by
/// the SDK's client builder (<c>UseAzureStorageEngine</c>).
/// </summary>
/// <remarks>
/// Payloads are serialised with System.Text.Json (CreditFlow's <see cref="PayloadConverter"/>) and sent as the
/// engine's <see cref="TaskMessage"/>s directly: the framework's own <c>TaskHubClient</c> would serialise them
/// again with Newtonsoft. It behaves as CreditFlow's client does: not found is an <see cref="ArgumentException"/>,
/// a state that does not allow the operation an <see cref="InvalidOperationException"/>, and a start for an id
/// that has not ended throws the framework's <c>OrchestrationAlreadyExistsException</c>.
/// </remarks>
public sealed partial class AzureStorageDurableTaskClient : DurableTaskClient
{
    private static readonly char[] ForbiddenIdCharacters = ['/', '\\', '#', '?'];
    private readonly AzureStorageTaskHub _hub;

    /// <summary>Created by the SDK's client builder.</summary>
    /// <param name="name">The client's name in the SDK's builder.</param>
    /// <param name="hub">The task hub it steers.</param>
    public AzureStorageDurableTaskClient(string name, AzureStorageTaskHub hub)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(hub);
        _hub = hub;
    }

    /// <summary>The task hub this client steers.</summary>
    public AzureStorageTaskHub Hub => _hub;

    private AzureStorageOrchestrationService Service => _hub.Service;

    /// <inheritdoc />
    /// <remarks>
    /// Without <see cref="StartOrchestrationOptions.Version"/>, the instance runs on the newest version registered
    /// with the worker that first runs it. An existing instance whose status is in
    /// <see cref="StartOrchestrationOptions.DedupeStatuses"/> (by default: every status that has not ended) refuses
    /// the start; an ended one is replaced; one that has not ended is never replaced.
    /// </remarks>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var dedupe = options?.DedupeStatuses is { } listed
            ? [.. listed.Select(s => CoreConversions.ToCore(Enum.Parse<OrchestrationRuntimeStatus>(s, ignoreCase: true)))]
            : CoreConversions.NotEnded;
        if (CoreConversions.NotEnded.Except(dedupe).Any())
        {
            // The engine would start a second execution beside one that is still going; CreditFlow's engine refuses that.
            var existing = await GetInstancesAsync(instanceId, false, cancellation);
            if (existing is { IsCompleted: false })
            {
                throw new ArgumentException(
                    $"Instance '{instanceId}' is {existing.RuntimeStatus}; an instance that has not ended is not replaced. Terminate it first, or keep {existing.RuntimeStatus} in DedupeStatuses.",
                    nameof(options));
            }
        }

        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var tags = options?.Tags is { Count: > 0 } given ? new Dictionary<string, string>(given) : [];
        if (options?.Version is { } asked)
        {
            // An explicit version, unversioned included, is decided here; the worker picks the newest only when none was asked for.
            tags[Worker.RegisteredOrchestration.VersionChosenFor] = instanceId;
        }

        var started = new ExecutionStartedEvent(-1, PayloadConverter.ToJson(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = tags,
        };
        await Service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe);
        return instanceId;
    }

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var states = await Service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs);
        return states is [var state, ..] && state is not null ? CoreConversions.ToMetadata(state, getInputsAndOutputs) : null;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    /// <summary>
    /// Polls the instance's status, from 20 ms doubling to 1 s (the engine's own wait polls every 2 s, which
    /// would put seconds on every short orchestration's latency).
    /// </summary>
    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellationToken)
    {
        var poll = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellationToken) ?? throw NotFound(instanceId);
            if (done(metadata))
            {
                return metadata;
            }

            await Task.Delay(poll, cancellationToken);
            poll = TimeSpan.FromMilliseconds(Math.Min(poll.TotalMilliseconds * 2, 1000));
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has ended.</exception>
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await RequireStatusAsync(instanceId, "raise an event to", s => !s.IsEnded(), cancellation);
        await SendAsync(instanceId, new EventRaisedEvent(-1, PayloadConverter.ToJson(eventPayload)) { Name = eventName });
    }

    /// <inheritdoc />
    /// <remarks>Sub-orchestrations are not terminated with their parent on this engine, whatever <see cref="TerminateInstanceOptions.Recursive"/> says.</remarks>
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has already ended.</exception>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        await RequireStatusAsync(instanceId, "terminate", s => !s.IsEnded(), cancellation);
        // The engine makes the reason the instance's output, so it goes as JSON, as CreditFlow's engine stores it.
        await Service.ForceTerminateTaskOrchestrationAsync(instanceId, PayloadConverter.ToJson(options?.Output));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has ended.</exception>
    public override async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireStatusAsync(instanceId, "suspend", s => !s.IsEnded(), cancellation);
        await SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has ended.</exception>
    public override async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireStatusAsync(instanceId, "resume", s => !s.IsEnded(), cancellation);
        await SendAsync(instanceId, new ExecutionResumedEvent(-1, reason));
    }

    /// <inheritdoc />
    /// <remarks>The engine's rewind: failed activities run again, failed sub-orchestrations are rewound too.</remarks>
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has not failed.</exception>
    public override async Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default)
    {
        await RequireStatusAsync(instanceId, "rewind", s => s == OrchestrationRuntimeStatus.Failed, cancellation);
        await Service.RewindTaskOrchestrationAsync(instanceId, reason);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs: true, cancellation) ?? throw NotFound(instanceId);
        object? input = metadata.SerializedInput is null ? null : JsonDocument.Parse(metadata.SerializedInput).RootElement.Clone();
        return await ScheduleNewOrchestrationInstanceAsync(
            metadata.Name, input, new StartOrchestrationOptions(restartWithNewInstanceId ? null : instanceId), cancellation);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task SendAsync(string instanceId, HistoryEvent control) =>
        Service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = control });

    private async Task RequireStatusAsync(string instanceId, string operation, Func<OrchestrationRuntimeStatus, bool> allowed, CancellationToken cancellationToken)
    {
        var metadata = await GetInstancesAsync(instanceId, false, cancellationToken) ?? throw NotFound(instanceId);
        if (!allowed(metadata.RuntimeStatus))
        {
            throw new InvalidOperationException($"Cannot {operation} instance '{instanceId}': it is {metadata.RuntimeStatus}.");
        }
    }

    private static ArgumentException NotFound(string instanceId) =>
        new($"No orchestration instance with id '{instanceId}' exists.", nameof(instanceId));

    private static void ValidateInstanceId(string instanceId)
    {
        if (instanceId.Length is 0 or > 256 || instanceId.IndexOfAny(ForbiddenIdCharacters) >= 0 || instanceId.Any(char.IsControl))
        {
            throw new ArgumentException($"Instance id '{instanceId}' must be 1-256 characters without '/', '\\', '#', '?' or control characters.", nameof(instanceId));
        }
    }
}
