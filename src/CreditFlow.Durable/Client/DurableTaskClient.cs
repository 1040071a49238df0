using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Worker;

namespace CreditFlow.Durable;

/// <summary>
/// Starts, queries and steers orchestration instances of one task hub. Status comes from each
/// instance's authoritative sentinel row; lists come from the Instances index.
/// </summary>
public sealed partial class DurableTaskClient
{
    private static readonly char[] ForbiddenIdCharacters = ['/', '\\', '#', '?'];
    private readonly TaskHub _hub;
    private readonly DurableTaskWorker? _localWorker;
    private readonly TimeProvider _time;
    private readonly PayloadStore _payloads;
    private readonly InstanceStore _store;
    private readonly MessageSender _sender;
    private readonly TimerStore _timers;
    private readonly PartitionLeaseStore _leases;

    /// <summary>Creates a client; with <paramref name="localWorker"/>, work for its partitions is handed over in process.</summary>
    public DurableTaskClient(TaskHub hub, DurableTaskWorker? localWorker = null, TimeProvider? time = null)
    {
        _hub = hub;
        _localWorker = localWorker;
        _time = time ?? localWorker?.Time ?? TimeProvider.System;
        _payloads = localWorker?.Payloads ?? new PayloadStore(hub);
        _store = localWorker?.Store ?? new InstanceStore(hub, _payloads);
        _sender = localWorker?.Sender ?? new MessageSender(hub, _payloads);
        _timers = localWorker?.Timers ?? new TimerStore(hub);
        _leases = new PartitionLeaseStore(hub);
    }

    /// <summary>Schedules a new instance of orchestrator <paramref name="name"/> and returns its id.</summary>
    /// <exception cref="OrchestrationAlreadyExistsException">An instance with this id exists and its status is not replaceable.</exception>
    /// <exception cref="ArgumentException">The instance id is empty, too long or holds '/', '\', '#', '?' or control characters.</exception>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string name, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        options ??= new StartOrchestrationOptions();
        var instanceId = options.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var now = _time.GetUtcNow().UtcDateTime;
        var executionId = Guid.NewGuid().ToString("N");
        var serializedInput = JsonDataConverter.Serialize(input);

        var state = new InstanceState(instanceId)
        {
            Name = name, ExecutionId = executionId, Status = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now, LastUpdatedAt = now, Input = serializedInput,
        };
        var row = await _store.ToIndexRowAsync(state, cancellationToken);
        try
        {
            await _hub.Instances.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            await ReplaceExistingAsync(state, options, cancellationToken);
            await _hub.Instances.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }

        var startAt = options.StartAt?.UtcDateTime;
        var started = new ExecutionStarted(name, executionId, serializedInput, null, startAt) { Timestamp = now };
        var message = new TaskMessage(instanceId, executionId, started, $"{executionId}:start");
        if (startAt is { } at && at > now)
        {
            var partition = _hub.PartitionOf(instanceId);
            await _timers.StoreAsync(partition, at, message, cancellationToken);
            _localWorker?.TimerStored(partition);
        }
        else
        {
            // The index row exists now: do not let a cancelled caller leave an instance that never starts.
            await _sender.SendAsync(message, CancellationToken.None);
        }

        return instanceId;
    }

    private async Task ReplaceExistingAsync(InstanceState replacement, StartOrchestrationOptions options, CancellationToken cancellationToken)
    {
        var existing = await _store.ReadStatusAsync(replacement.InstanceId, cancellationToken);
        var status = existing?.Status ?? OrchestrationRuntimeStatus.Pending;
        if (existing is null || !options.ReplaceableStatuses.Contains(status))
        {
            throw new OrchestrationAlreadyExistsException(replacement.InstanceId, status);
        }

        // Mark the sentinel as pending the new execution, guarded by its ETag: of two racing
        // starters only one wins, and readers never see the old execution's end as the new one's.
        var sentinel = new TableEntity(replacement.InstanceId, InstanceStore.SentinelRowKey)
        {
            ["RuntimeStatus"] = OrchestrationRuntimeStatus.Pending.ToString(),
            ["ExecutionId"] = replacement.ExecutionId,
            ["Name"] = replacement.Name,
            ["CreatedTime"] = replacement.CreatedAt,
            ["LastUpdatedTime"] = replacement.LastUpdatedAt,
        };
        try
        {
            await _hub.History.UpdateEntityAsync(sentinel, existing.ETag!.Value, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new OrchestrationAlreadyExistsException(replacement.InstanceId, OrchestrationRuntimeStatus.Pending);
        }
    }

    /// <summary>The instance's status, or null when no instance has this id.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await _store.ReadStatusAsync(instanceId, cancellationToken);
        if (state is not null && state.Status != OrchestrationRuntimeStatus.Pending)
        {
            return ToMetadata(state, getInputsAndOutputs);
        }

        // Not picked up by a worker yet: the index row written at start is all there is.
        var row = await _hub.Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, cancellationToken: cancellationToken);
        return row.HasValue ? await ToMetadataAsync(row.Value!, getInputsAndOutputs, cancellationToken) : null;
    }

    /// <summary>Waits until the instance has started (is no longer pending).</summary>
    public Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellationToken);

    /// <summary>Waits until the instance completed, failed or was terminated.</summary>
    public Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellationToken);

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellationToken)
    {
        // Watch before the first read, so a change between the read and the wait is not missed.
        using var watch = _localWorker?.Notifier.Observe(instanceId);
        var seen = watch?.Version ?? 0;
        var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
        var poll = TimeSpan.FromMilliseconds(20);
        while (metadata is null || !done(metadata))
        {
            var changed = watch?.ChangedAfter(seen);
            var delay = Task.Delay(poll, cancellationToken);
            await (changed is null ? delay : Task.WhenAny(changed, delay));
            cancellationToken.ThrowIfCancellationRequested();
            if (watch is not null && watch.Version > seen)
            {
                // A commit of this process: its status is authoritative and costs no read.
                seen = watch.Version;
                metadata = getInputsAndOutputs ? watch.Latest : watch.Latest! with { SerializedInput = null, SerializedOutput = null };
                continue;
            }

            // Another process may own the instance: read, backing off.
            metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
            poll = TimeSpan.FromMilliseconds(Math.Min(poll.TotalMilliseconds * 2, 1000));
        }

        return metadata;
    }

    /// <summary>Raises an event to a running instance; events sent before it waits are buffered.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    /// <exception cref="OrchestrationStateException">The instance has ended.</exception>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await RequireStatusAsync(instanceId, "raise an event to", s => !s.IsTerminal(), cancellationToken);
        var raised = new EventRaised(eventName, JsonDataConverter.Serialize(eventPayload)) { Timestamp = _time.GetUtcNow().UtcDateTime };
        await _sender.SendAsync(new TaskMessage(instanceId, null, raised, Guid.NewGuid().ToString("N")), cancellationToken);
    }

    /// <summary>Terminates a running, pending or suspended instance; with <paramref name="recursive"/>, its running children too.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    /// <exception cref="OrchestrationStateException">The instance has already ended.</exception>
    public async Task TerminateInstanceAsync(string instanceId, string? reason = null, bool recursive = false, CancellationToken cancellationToken = default)
    {
        await RequireStatusAsync(instanceId, "terminate", s => !s.IsTerminal(), cancellationToken);
        await SendControlAsync(instanceId, new ExecutionTerminated(reason, recursive), cancellationToken);
    }

    /// <summary>Suspends a running instance: it keeps receiving events but does not act on them until resumed.</summary>
    public async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireStatusAsync(instanceId, "suspend", s => s is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.Pending, cancellationToken);
        await SendControlAsync(instanceId, new ExecutionSuspended(reason), cancellationToken);
    }

    /// <summary>Resumes a suspended instance; the events it received meanwhile are applied in order.</summary>
    public async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireStatusAsync(instanceId, "resume", s => s is OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending, cancellationToken);
        await SendControlAsync(instanceId, new ExecutionResumed(reason), cancellationToken);
    }

    /// <summary>The current execution's history, oldest first.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var state = await _store.LoadAsync(instanceId, cancellationToken);
        if (!state.Exists && await GetInstanceAsync(instanceId, false, cancellationToken) is null)
        {
            throw new OrchestrationNotFoundException(instanceId);
        }

        return state.History;
    }

    private async Task SendControlAsync(string instanceId, HistoryEvent control, CancellationToken cancellationToken)
    {
        var stamped = control with { Timestamp = _time.GetUtcNow().UtcDateTime };
        await _sender.SendAsync(new TaskMessage(instanceId, null, stamped, Guid.NewGuid().ToString("N")), cancellationToken);
    }

    private async Task<OrchestrationRuntimeStatus> RequireStatusAsync(string instanceId, string operation, Func<OrchestrationRuntimeStatus, bool> allowed, CancellationToken cancellationToken)
    {
        var metadata = await GetInstanceAsync(instanceId, false, cancellationToken) ?? throw new OrchestrationNotFoundException(instanceId);
        return allowed(metadata.RuntimeStatus) ? metadata.RuntimeStatus : throw new OrchestrationStateException(instanceId, metadata.RuntimeStatus, operation);
    }

    private static void ValidateInstanceId(string instanceId)
    {
        if (instanceId.Length > 256 || instanceId.IndexOfAny(ForbiddenIdCharacters) >= 0 || instanceId.Any(char.IsControl))
        {
            throw new ArgumentException($"Instance id '{instanceId}' must be 1-256 characters without '/', '\\', '#', '?' or control characters.", nameof(instanceId));
        }
    }

    internal static OrchestrationMetadata ToMetadata(InstanceState state, bool withPayloads) => new(state.Name ?? string.Empty, state.InstanceId)
    {
        RuntimeStatus = state.Status,
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedAt, DateTimeKind.Utc)),
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedAt, DateTimeKind.Utc)),
        SerializedInput = withPayloads ? state.Input : null,
        SerializedOutput = withPayloads ? state.Output : null,
        SerializedCustomStatus = state.CustomStatus,
        FailureDetails = state.Failure,
        ParentInstanceId = state.Parent?.InstanceId,
    };

    private async Task<OrchestrationMetadata> ToMetadataAsync(TableEntity row, bool withPayloads, CancellationToken cancellationToken) => new(row.GetString("Name") ?? string.Empty, row.PartitionKey)
    {
        RuntimeStatus = Enum.Parse<OrchestrationRuntimeStatus>(row.GetString("RuntimeStatus")!),
        CreatedAt = row.GetDateTimeOffset("CreatedTime") ?? default,
        LastUpdatedAt = row.GetDateTimeOffset("LastUpdatedTime") ?? default,
        SerializedInput = withPayloads ? await _payloads.GetAsync(row, "Input", cancellationToken) : null,
        SerializedOutput = withPayloads ? await _payloads.GetAsync(row, "Output", cancellationToken) : null,
        SerializedCustomStatus = await _payloads.GetAsync(row, "CustomStatus", cancellationToken),
        FailureDetails = row.GetString("Failure") is { } failure ? JsonSerializer.Deserialize<TaskFailureDetails>(failure, JsonDataConverter.Options) : null,
        ParentInstanceId = row.GetString("ParentInstanceId"),
    };
}
