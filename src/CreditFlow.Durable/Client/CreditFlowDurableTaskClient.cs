using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Tracing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreAlreadyExists = DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException;

namespace CreditFlow.Durable.Client;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> on CreditFlow's engine: starts, queries and steers
/// instances of one task hub. Status comes from each instance's authoritative sentinel row; lists
/// come from the Instances index. Created by the SDK's client builder (<c>UseCreditFlowStorage</c>).
/// </summary>
/// <remarks>
/// Not found is an <see cref="ArgumentException"/> and a state that does not allow the operation an
/// <see cref="InvalidOperationException"/>, as the SDK documents them; an existing instance refuses a
/// start with the Durable Task Framework's <c>OrchestrationAlreadyExistsException</c>.
/// </remarks>
public sealed partial class CreditFlowDurableTaskClient : DurableTaskClient
{
    private static readonly char[] ForbiddenIdCharacters = ['/', '\\', '#', '?'];
    private readonly TaskHub _hub;
    private readonly TimeProvider _time;

    /// <summary>Created by the SDK's client builder.</summary>
    /// <param name="name">The client's name in the SDK's builder.</param>
    /// <param name="hub">The task hub it steers.</param>
    /// <param name="time">Business time, as the worker sees it.</param>
    public CreditFlowDurableTaskClient(string name, TaskHub hub, TimeProvider? time = null)
        : base(name)
    {
        _hub = hub;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The task hub this client steers.</summary>
    public TaskHub Hub => _hub;

    private InstanceStore Store => _hub.Store;

    /// <inheritdoc />
    /// <remarks>
    /// Without <see cref="StartOrchestrationOptions.Version"/>, the instance runs on the newest version of
    /// the orchestrator registered with the worker that first runs it. An existing instance whose status is
    /// in <see cref="StartOrchestrationOptions.DedupeStatuses"/> (by default: every status that has not
    /// ended) refuses the start; an ended one is replaced. A running instance is never replaced.
    /// </remarks>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var now = _time.GetUtcNow().UtcDateTime;
        var executionId = Guid.NewGuid().ToString("N");
        var startAt = options?.StartAt?.UtcDateTime is { } at && at > now ? at : (DateTime?)null;
        var state = new InstanceState(instanceId)
        {
            Name = orchestratorName.Name, ExecutionId = executionId, Status = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now, LastUpdatedAt = now, Input = PayloadConverter.ToJson(input),
            Version = options?.Version is { } version ? version.Version : null,
        };
        var row = await Store.NewIndexRowAsync(state, cancellation);
        row["ScheduledStartTime"] = startAt;
        ETag indexETag;
        try
        {
            indexETag = (await _hub.Instances.AddEntityAsync(row, cancellation)).Headers.ETag!.Value;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            state.Checkpoint = await ReplaceExistingAsync(state, options, now, cancellation);
            row["Checkpoint"] = state.Checkpoint;
            indexETag = (await _hub.Instances.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellation)).Headers.ETag!.Value;
        }

        // The producer span of the start: the instance's first step continues its trace, in whichever process runs it.
        using var span = DurableTelemetry.Source.StartActivity($"create_orchestration:{orchestratorName.Name}", ActivityKind.Producer);
        span?.SetTag(DurableTelemetry.TypeTag, "orchestration").SetTag(DurableTelemetry.NameTag, orchestratorName.Name).SetTag(DurableTelemetry.InstanceTag, instanceId);
        var trace = TraceContext.Of(span);
        var started = new ExecutionStarted(orchestratorName.Name, executionId, state.Input, null, startAt, state.Version, trace) { Timestamp = now };
        var message = new TaskMessage(instanceId, executionId, started, $"{executionId}:start", IndexETag: indexETag.ToString(), InputBlob: row.GetString("InputBlob"), Trace: trace);
        try
        {
            if (startAt is { } due)
            {
                var partition = _hub.PartitionOf(instanceId);
                await _hub.TimerRows.StoreAsync(partition, due, message, CancellationToken.None);
                _hub.LocalWorker?.TimerStored(partition, due);
            }
            else
            {
                // The index row exists now: do not let a cancelled caller leave an instance that never starts.
                await _hub.Sender.SendAsync(message, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException)
        {
            // Nothing will start it: take the Pending row back so the id stays free for the next attempt.
            await WithdrawAsync(instanceId, indexETag);
            throw;
        }

        return instanceId;
    }

    /// <summary>Deletes the index row of a start that could not be sent, if nothing has touched it since.</summary>
    private async Task WithdrawAsync(string instanceId, ETag indexETag)
    {
        try
        {
            await _hub.Instances.DeleteEntityAsync(instanceId, string.Empty, indexETag, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Storage is not answering: the row stays Pending, and a later start finds it stranded (see ReplaceExistingAsync).
        }
    }

    /// <returns>The checkpoint number the new execution's rows continue from.</returns>
    private async Task<long> ReplaceExistingAsync(InstanceState replacement, StartOrchestrationOptions? options, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await Store.ReadStatusAsync(replacement.InstanceId, cancellationToken);
        if (existing is null || (existing.Status == OrchestrationRuntimeStatus.Pending && existing.ExecutionId is null))
        {
            // No execution ever began. A Pending row whose start was never delivered (its sender died
            // between the row and the message) must not block the id forever: once a start would long
            // have been picked up, the row is stranded and may be replaced.
            var scheduled = await Store.ReadIndexAsync(replacement.InstanceId, cancellationToken);
            var scheduledAt = scheduled is null ? now : scheduled.CreatedAt;
            var index = await _hub.Instances.GetEntityIfExistsAsync<TableEntity>(replacement.InstanceId, string.Empty, select: ["ScheduledStartTime"], cancellationToken: cancellationToken);
            if (index.HasValue && index.Value!.GetDateTime("ScheduledStartTime") is { } startAt && startAt > scheduledAt)
            {
                scheduledAt = startAt;
            }

            if (scheduled is { Status: OrchestrationRuntimeStatus.Pending } && now - scheduledAt > StrandedAfter && existing?.Inbox is not { Count: > 0 })
            {
                return scheduled.Checkpoint + 1;
            }

            throw new CoreAlreadyExists($"An orchestration instance with id '{replacement.InstanceId}' already exists and is Pending.");
        }

        var dedupe = options?.DedupeStatuses is { } listed
            ? [.. listed.Select(s => Enum.Parse<OrchestrationRuntimeStatus>(s, ignoreCase: true))]
            : Enum.GetValues<OrchestrationRuntimeStatus>().Where(s => !s.IsTerminal()).ToHashSet();
        if (dedupe.Contains(existing.Status))
        {
            throw new CoreAlreadyExists($"An orchestration instance with id '{replacement.InstanceId}' already exists and is {existing.Status}.");
        }

        if (!existing.Status.IsTerminal())
        {
            throw new ArgumentException(
                $"Instance '{replacement.InstanceId}' is {existing.Status}; this engine does not replace an instance that has not ended. Terminate it first, or keep {existing.Status} in DedupeStatuses.",
                nameof(options));
        }

        // Mark the sentinel as pending the new execution, guarded by its ETag: of two racing
        // starters only one wins, and readers never see the old execution's end as the new one's.
        var checkpoint = existing.Checkpoint + 1;
        var sentinel = new TableEntity(replacement.InstanceId, InstanceStore.SentinelRowKey)
        {
            ["RuntimeStatus"] = OrchestrationRuntimeStatus.Pending.ToString(),
            ["ExecutionId"] = replacement.ExecutionId,
            ["Name"] = replacement.Name,
            ["Version"] = replacement.Version,
            ["CreatedTime"] = replacement.CreatedAt,
            ["LastUpdatedTime"] = replacement.LastUpdatedAt,
            ["Checkpoint"] = checkpoint,
        };
        try
        {
            await _hub.History.UpdateEntityAsync(sentinel, existing.ETag!.Value, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new CoreAlreadyExists($"Instance '{replacement.InstanceId}' was restarted concurrently by another client.");
        }

        return checkpoint;
    }

    /// <summary>How long a Pending instance may wait for its start before a new start may take its id.</summary>
    private TimeSpan StrandedAfter => _hub.Options.ControlQueueVisibilityTimeout * 2;

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = await Store.ReadStatusAsync(instanceId, cancellation);
        if (state is not null && state.Status != OrchestrationRuntimeStatus.Pending)
        {
            return ToMetadata(state, getInputsAndOutputs);
        }

        // Not picked up by a worker yet: the index row written at start is all there is.
        var scheduled = await Store.ReadIndexAsync(instanceId, cancellation);
        return scheduled is null ? null : ToMetadata(scheduled, getInputsAndOutputs);
    }

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellationToken)
    {
        // Watch before the first read, so a change between the read and the wait is not missed.
        using var watch = _hub.Notifier.Observe(instanceId);
        var seen = watch.Version;

        // The sentinel alone says whether the instance got anywhere yet; a just-started one has none,
        // so the common wait costs one read, not two.
        var status = await Store.ReadStatusAsync(instanceId, cancellationToken);
        var metadata = status is null || status.Status == OrchestrationRuntimeStatus.Pending ? null : ToMetadata(status, getInputsAndOutputs);
        var poll = TimeSpan.FromMilliseconds(20);
        while (metadata is null || !done(metadata))
        {
            var changed = watch.ChangedAfter(seen);
            var delay = Task.Delay(poll, cancellationToken);
            await Task.WhenAny(changed, delay);
            cancellationToken.ThrowIfCancellationRequested();
            if (watch.Version > seen)
            {
                // A commit of this process: its status is authoritative and costs no read.
                seen = watch.Version;
                metadata = getInputsAndOutputs ? watch.Latest : WithoutPayloads(watch.Latest!);
                continue;
            }

            poll = TimeSpan.FromMilliseconds(Math.Min(poll.TotalMilliseconds * 2, 1000));
            if (_hub.LocalWorker?.OwnsPartition(_hub.PartitionOf(instanceId)) == true)
            {
                continue; // only the owner commits, and this process is it: every change arrives as a notification
            }

            // Another process may own the instance: read, backing off.
            metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellationToken);
        }

        return metadata;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has ended.</exception>
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await RequireStatusAsync(instanceId, "raise an event to", s => !s.IsTerminal(), cancellation);
        using var span = DurableTelemetry.Source.StartActivity($"orchestration_event:{eventName}", ActivityKind.Producer);
        span?.SetTag(DurableTelemetry.TypeTag, "event").SetTag(DurableTelemetry.EventTag, eventName).SetTag(DurableTelemetry.InstanceTag, instanceId);
        var trace = TraceContext.Of(span);
        var raised = new EventRaised(eventName, PayloadConverter.ToJson(eventPayload), trace) { Timestamp = _time.GetUtcNow().UtcDateTime };
        await _hub.Sender.SendAsync(new TaskMessage(instanceId, null, raised, Guid.NewGuid().ToString("N"), Trace: trace), cancellation);
    }

    /// <inheritdoc />
    /// <remarks>An instance scheduled for later and not started ends at once, without running.</remarks>
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has already ended.</exception>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        await RequireStatusAsync(instanceId, "terminate", s => !s.IsTerminal(), cancellation);
        var reason = options?.Output switch { null => null, string text => text, var other => PayloadConverter.ToJson(other) };
        await SendControlAsync(instanceId, new ExecutionTerminated(reason, options?.Recursive == true), cancellation);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has ended.</exception>
    public override async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireStatusAsync(instanceId, "suspend", s => !s.IsTerminal(), cancellation);
        await SendControlAsync(instanceId, new ExecutionSuspended(reason), cancellation);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has ended.</exception>
    public override async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireStatusAsync(instanceId, "resume", s => !s.IsTerminal(), cancellation);
        await SendControlAsync(instanceId, new ExecutionResumed(reason), cancellation);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The failed activities run again and failed sub-orchestrations are rewound too. The execution keeps
    /// its id on this engine, so its children and timers still find it.
    /// </remarks>
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    /// <exception cref="InvalidOperationException">The instance has not failed.</exception>
    public override async Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default)
    {
        await RequireStatusAsync(instanceId, "rewind", s => s == OrchestrationRuntimeStatus.Failed, cancellation);
        await SendControlAsync(instanceId, new ExecutionRewound(reason), cancellation);
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
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    public override async Task<IList<DurableTask.Core.History.HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        var state = await Store.LoadAsync(instanceId, cancellation);
        if (!state.Exists && await GetInstancesAsync(instanceId, false, cancellation) is null)
        {
            throw NotFound(instanceId);
        }

        return [.. state.History.Select(CoreHistory.From)];
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task SendControlAsync(string instanceId, HistoryEvent control, CancellationToken cancellationToken)
    {
        var stamped = control with { Timestamp = _time.GetUtcNow().UtcDateTime };

        // A terminate, suspend, resume or rewind continues the trace of whoever asked for it (a request, an activity).
        var trace = DurableTelemetry.Source.HasListeners() ? TraceContext.Of(Activity.Current) : null;
        await _hub.Sender.SendAsync(new TaskMessage(instanceId, null, stamped, Guid.NewGuid().ToString("N"), Trace: trace), cancellationToken);
    }

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

    internal static OrchestrationMetadata ToMetadata(InstanceState state, bool withPayloads) => new(state.Name ?? string.Empty, state.InstanceId)
    {
        RuntimeStatus = state.Status.ForClients(),
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedAt, DateTimeKind.Utc)),
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedAt, DateTimeKind.Utc)),
        SerializedInput = withPayloads ? state.Input : null,
        SerializedOutput = withPayloads ? state.Output : null,
        SerializedCustomStatus = state.CustomStatus,
        FailureDetails = state.Failure?.ToSdk(),
        DataConverter = PayloadConverter.Instance,
        Tags = TagsOf(state),
    };

    private static OrchestrationMetadata WithoutPayloads(OrchestrationMetadata metadata) => new(metadata.Name, metadata.InstanceId)
    {
        RuntimeStatus = metadata.RuntimeStatus,
        CreatedAt = metadata.CreatedAt,
        LastUpdatedAt = metadata.LastUpdatedAt,
        SerializedCustomStatus = metadata.SerializedCustomStatus,
        FailureDetails = metadata.FailureDetails,
        DataConverter = metadata.DataConverter,
        Tags = metadata.Tags,
    };

    /// <summary>
    /// What the SDK's metadata has no property for travels as tags: the version (<see cref="VersionTag"/>,
    /// absent when unversioned) and the parent of a sub-orchestration (<see cref="ParentTag"/>).
    /// </summary>
    private static Dictionary<string, string> TagsOf(InstanceState state)
    {
        var tags = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(state.Version))
        {
            tags[VersionTag] = state.Version;
        }

        if (state.ParentInstanceId is { } parent)
        {
            tags[ParentTag] = parent;
        }

        return tags;
    }

    /// <summary>The tag on <see cref="OrchestrationMetadata.Tags"/> that names the orchestrator version an instance runs on.</summary>
    public const string VersionTag = "creditflow.version";

    /// <summary>The tag on <see cref="OrchestrationMetadata.Tags"/> that names a sub-orchestration's parent instance.</summary>
    public const string ParentTag = "creditflow.parentInstanceId";
}
