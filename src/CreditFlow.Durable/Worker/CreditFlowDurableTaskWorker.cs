using System.Collections.Concurrent;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Versioning;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditFlow.Durable.Worker;

/// <summary>
/// The SDK's durable worker, run by CreditFlow's engine on Azure Storage: it owns partitions, takes
/// their messages and due timers, and drives each instance's steps with the orchestrators and
/// activities of the SDK's <see cref="DurableTaskRegistry"/>. Created by the SDK's worker builder
/// (<c>UseCreditFlowStorage</c>); a hosted service.
/// </summary>
public sealed partial class CreditFlowDurableTaskWorker : Microsoft.DurableTask.Worker.Hosting.DurableTaskWorker, IOrchestratorSource, IAsyncDisposable
{
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly ConcurrentDictionary<string, InstanceSession> _sessions = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private PartitionState[] _partitions = [];
    private int _crashed;
    private bool _released;
    private readonly ConcurrentDictionary<string, string> _lastErrors = new();
    private volatile bool _frozen;
    private readonly TaskCompletionSource _crashSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private OrchestratorVersions? _versions;

    /// <summary>Created by the SDK's worker builder; call <see cref="StartAsync"/> to begin.</summary>
    /// <param name="name">The worker's name in the SDK's builder.</param>
    /// <param name="factory">The SDK's factory of the registered orchestrators and activities.</param>
    /// <param name="hub">The task hub to work on.</param>
    /// <param name="registries">The SDK's registries, by worker name (for the orchestrators' versions).</param>
    /// <param name="services">Where activities are created from, one scope per call.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="time">Business time: timers and step times follow it (tests move it).</param>
    /// <param name="faults">Test hook that simulates crashes.</param>
    public CreditFlowDurableTaskWorker(
        string? name, IDurableTaskFactory factory, TaskHub hub, IOptionsMonitor<DurableTaskRegistry> registries, IServiceProvider services,
        ILoggerFactory? loggerFactory = null, TimeProvider? time = null, IFaultInjector? faults = null)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(registries);
        Hub = hub;
        _registry = registries.Get(Name);
        _services = services;
        Time = time ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger<CreditFlowDurableTaskWorker>();
        Faults = faults;
        Activities = new ActivityRunner(this, factory, services, hub.Options.MaxConcurrentActivityFunctions);
        OrchestrationSlots = new SemaphoreSlim(hub.Options.MaxConcurrentOrchestratorFunctions);
        Partitions = new PartitionManager(this, hub);
    }

    /// <summary>This worker's id, as partition leases and the monitor show it.</summary>
    public string WorkerId => Partitions.WorkerId;

    internal PartitionManager Partitions { get; }

    /// <summary>The task hub this worker serves.</summary>
    public TaskHub Hub { get; }

    /// <summary>True after a simulated crash: the worker does nothing more.</summary>
    public bool HasCrashed => Volatile.Read(ref _crashed) == 1;

    internal TimeProvider Time { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger { get; }

    internal IFaultInjector? Faults { get; }

    internal PayloadStore Payloads => Hub.Payloads;

    internal InstanceStore Store => Hub.Store;

    internal TimerStore Timers => Hub.TimerRows;

    internal MessageSender Sender => Hub.Sender;

    internal InstanceNotifier Notifier => Hub.Notifier;

    internal ActivityRunner Activities { get; }

    internal SemaphoreSlim OrchestrationSlots { get; }

    /// <summary>The orchestrator versions this worker runs; known once it has started.</summary>
    internal OrchestratorVersions Versions => _versions ?? throw new InvalidOperationException("The worker has not started.");

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Creates the task hub if needed and starts working on all partitions.</summary>
    /// <remarks>
    /// A task hub created with another partition count stops start-up. Storage that does not answer
    /// does not: the worker keeps trying in the background, so the host still serves its health
    /// probes and reports not-ready meanwhile.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The task hub exists with a different partition count.</exception>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Reads every orchestrator's version once; a duplicate version stops start-up here.
        _versions = new OrchestratorVersions(_registry, _services);
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(15));
            await Hub.CreateIfNotExistsAsync(attempt.Token);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            Log.StorageUnavailable(Logger, e, Hub.Options.HubName);
            _loops.Add(Task.Run(CreateHubThenStartAsync));
            return;
        }

        await StartWorkingAsync();
    }

    private async Task CreateHubThenStartAsync()
    {
        for (var delay = TimeSpan.FromSeconds(1); !Stopping.IsCancellationRequested; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
        {
            try
            {
                await Task.Delay(delay, Stopping);
                await Hub.CreateIfNotExistsAsync(Stopping);
                await StartWorkingAsync();
                return;
            }
            catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
            {
                Log.StorageUnavailable(Logger, e, Hub.Options.HubName);
            }
        }
    }

    /// <summary>Takes a first share of partitions at once, then keeps balancing in the background.</summary>
    private async Task StartWorkingAsync()
    {
        Hub.LocalWorker = this;
        _partitions = [.. Enumerable.Range(0, Hub.Options.PartitionCount).Select(i => new PartitionState(i))];
        try
        {
            await Partitions.BalanceOnceAsync(Stopping);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
        {
            // The balancing loop tries again shortly.
        }

        lock (_loops)
        {
            _loops.Add(Task.Run(() => Partitions.RunAsync(Stopping)));
        }

        Log.Started(Logger, Hub.Options.HubName, OwnedPartitions().Count);
    }

    /// <summary>Starts working on a partition whose lease was just acquired.</summary>
    internal void AcquirePartition(int index, DateTime leaseValidUntil)
    {
        var partition = _partitions[index];
        partition.LeaseValidUntil = leaseValidUntil;
        partition.Work = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
        partition.Owned = true;
        var token = partition.Work.Token;
        lock (_loops)
        {
            _loops.Add(Task.Run(() => PollLoopAsync(partition, token)));
            _loops.Add(Task.Run(() => TimerLoopAsync(partition, token)));
            _loops.Add(Task.Run(() => RenewLoopAsync(partition, token)));
        }
    }

    internal void LeaseRenewed(int index, DateTime leaseValidUntil) => _partitions[index].LeaseValidUntil = leaseValidUntil;

    /// <summary>
    /// Stops working on a partition (lease released or lost). Its messages are given back at once
    /// so the next owner need not wait for their invisibility to run out.
    /// </summary>
    internal async Task LosePartitionAsync(int index, bool giveBackMessages = true)
    {
        var partition = _partitions[index];
        if (!partition.Owned)
        {
            return;
        }

        partition.Owned = false;
        await (partition.Work?.CancelAsync() ?? Task.CompletedTask);
        partition.TimersInFlight.Clear();
        if (giveBackMessages)
        {
            await AbandonAsync([.. partition.Held.Values], TimeSpan.Zero);
        }

        partition.Held.Clear();
    }

    /// <summary>Test hook: stop polling and renewing leases and held messages, as a hung process would.</summary>
    internal void Freeze()
    {
        Partitions.Frozen = true;
        _frozen = true;
    }

    /// <summary>Test hook: from now on the leases look run out, as after a stall longer than a lease (a renewal in flight changes nothing).</summary>
    internal void ExpireLeases() => _leasesRanOut = true;

    private volatile bool _leasesRanOut;

    internal IReadOnlyCollection<int> OwnedPartitions() => [.. _partitions.Where(p => p.Owned).Select(p => p.Index)];

    /// <summary>
    /// True while this worker may commit for the partition: it owns it and its lease has a safe
    /// margin left. A worker that stalled past its lease must not commit, even if no one else has
    /// yet (the sentinel's ETag guards against those who have).
    /// </summary>
    internal bool HoldsLease(int index) =>
        !_leasesRanOut && OwnsPartition(index) && _partitions[index].LeaseValidUntil - DateTime.UtcNow > TimeSpan.FromSeconds(2);

    /// <summary>Stops taking work. Unacknowledged messages reappear for whoever runs next.</summary>
    /// <remarks>
    /// A clean stop hands every partition over at once. After a (simulated) crash only the leases
    /// are released — as if they had expired — and held messages reappear when their
    /// invisibility runs out, exactly as after a real crash.
    /// </remarks>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Hub.LocalWorker == this)
        {
            Hub.LocalWorker = null;
        }

        if (_partitions.Length > 0 && !_released)
        {
            _released = true;
            try
            {
                await Partitions.ReleaseAllAsync(giveBackMessages: !HasCrashed);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException or OperationCanceledException)
            {
                // Storage is gone (e.g. stopped first): the leases expire by themselves.
                Log.StorageUnavailable(Logger, e, Hub.Options.HubName);
            }
        }

        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        Task[] loops;
        lock (_loops)
        {
            loops = [.. _loops];
        }

        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The SDK's hosted-service loop: everything runs in the loops <see cref="StartAsync"/> starts.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
        Dispose();
    }

    /// <summary>Whether messages for <paramref name="partition"/> may be handed to this worker directly.</summary>
    internal bool OwnsPartition(int partition) => !_stopping.IsCancellationRequested && partition < _partitions.Length && _partitions[partition].Owned;

    /// <inheritdoc />
    ITaskOrchestrator? IOrchestratorSource.Resolve(string name, string? version, out string? problem) =>
        Versions.Create(name, version, _services, out problem);

    /// <inheritdoc />
    string? IOrchestratorSource.NewestVersion(string name) => Versions.Newest(name);

    /// <summary>Hands a message this process just enqueued (invisibly) to its instance's session.</summary>
    internal void DeliverLocal(TaskMessage message, QueueAnchor anchor)
    {
        _partitions[anchor.Partition].Held[anchor.QueueMessageId] = anchor;
        Deliver(message, anchor);
    }

    private void Deliver(TaskMessage message, Anchor anchor)
    {
        // A session that retires between the lookup and the enqueue refuses the message; the map no
        // longer holds it, so the next lookup makes a fresh one. No message can land in a dropped session.
        while (!_sessions.GetOrAdd(message.InstanceId, id => new InstanceSession(id, anchor.Partition, this)).TryEnqueue(message, anchor))
        {
        }
    }

    /// <summary>
    /// Wakes the partition's timer loop for a timer just stored, unless the loop queries again of its own accord before the
    /// timer is due: a dunning look that schedules its next step weeks ahead costs no query. A loop whose next query is
    /// already past in business time (the rehearsal clock moved forward) is woken too, so that it plans from the new time.
    /// </summary>
    internal void TimerStored(int partition, DateTime dueAt)
    {
        if (partition >= _partitions.Length)
        {
            return;
        }

        var queriedAgainAt = _partitions[partition].TimersQueriedAgainAt;
        if (dueAt.ToUniversalTime() < queriedAgainAt || queriedAgainAt <= Time.GetUtcNow().UtcDateTime)
        {
            _partitions[partition].TimerSignal.Release();
        }
    }

    /// <summary>Deletes anchors whose work is committed: consumed messages and fired timers.</summary>
    internal async Task AcknowledgeAsync(IReadOnlyList<Anchor> anchors)
    {
        foreach (var anchor in anchors)
        {
            switch (anchor)
            {
                case QueueAnchor message:
                    await DeleteMessageAsync(message);
                    if (message.BodyBlob is { } blob)
                    {
                        await Payloads.DeleteQuietlyAsync([blob]); // a large message's body, consumed now
                    }

                    break;
                case TimerAnchor timer:
                    await Timers.DeleteAsync(timer.Partition, timer.RowKey, Stopping);
                    var state = _partitions[timer.Partition];
                    state.TimersInFlight.TryRemove(timer.RowKey, out _);
                    if (state.MoreTimersDue && state.TimersInFlight.Count <= TimerBatch / 2)
                    {
                        state.TimerSignal.Release(); // half the page is done and more are due: fetch the next ones
                    }
                    if (timer.MessageBlob is { } messageBlob)
                    {
                        await Payloads.DeleteQuietlyAsync([messageBlob]);
                    }

                    break;
            }
        }
    }

    /// <summary>Gives anchors back without acknowledging: their messages reappear after <paramref name="delay"/>.</summary>
    /// <param name="error">Why, when the work failed: kept for the poison queue if the message keeps failing.</param>
    internal async Task AbandonAsync(IReadOnlyList<Anchor> anchors, TimeSpan? delay = null, string? error = null)
    {
        foreach (var anchor in anchors)
        {
            if (error is not null && anchor is QueueAnchor failed)
            {
                _lastErrors[failed.QueueMessageId] = error;
            }

            try
            {
                switch (anchor)
                {
                    case QueueAnchor message:
                        _partitions[message.Partition].Held.TryRemove(message.QueueMessageId, out _);
                        await Hub.ControlQueues[message.Partition].UpdateMessageAsync(message.QueueMessageId, message.PopReceipt, visibilityTimeout: delay ?? TimeSpan.FromSeconds(5), cancellationToken: CancellationToken.None);
                        _partitions[message.Partition].PollSignal.Release();
                        break;
                    case TimerAnchor timer:
                        if (error is not null)
                        {
                            // A failing timer backs off and, like a message, ends in the poison queue.
                            await TimerFailedAsync(timer, error);
                        }

                        _partitions[timer.Partition].TimersInFlight.TryRemove(timer.RowKey, out _);
                        _partitions[timer.Partition].TimerSignal.Release();
                        break;
                }
            }
            catch (Azure.RequestFailedException)
            {
                // The message moved on (deleted or re-received); nothing to give back.
            }
        }
    }

    /// <summary>Drops a quiet session from memory; the next message for its instance loads it again.</summary>
    internal void Forget(InstanceSession session) =>
        _sessions.TryRemove(new KeyValuePair<string, InstanceSession>(session.InstanceId, session));

    /// <summary>Stops everything at once, as if the process died (fault injection).</summary>
    internal void Crash()
    {
        if (Interlocked.Exchange(ref _crashed, 1) == 0)
        {
            Log.Crashed(Logger, Hub.Options.HubName);
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already stopped and disposed.
            }

            _crashSignal.TrySetResult();
        }
    }

    /// <summary>Completes when the worker has crashed (fault injection).</summary>
    internal Task Crashed => _crashSignal.Task;

    private sealed class PartitionState(int index)
    {
        public int Index { get; } = index;

        /// <summary>Messages received or enqueued invisibly by this worker and not yet acknowledged.</summary>
        public ConcurrentDictionary<string, QueueAnchor> Held { get; } = new();

        /// <summary>Timer rows delivered and not yet acknowledged, so a re-query does not fire them twice.</summary>
        public ConcurrentDictionary<string, byte> TimersInFlight { get; } = new();

        public SemaphoreSlim TimerSignal { get; } = new(0);

        private long _timersQueriedAgainAt = DateTime.MaxValue.Ticks;

        /// <summary>
        /// When the timer loop queries again of its own accord (business time); <see cref="DateTime.MaxValue"/> while it is
        /// querying, so that a timer stored meanwhile, which the query may have missed, always wakes it.
        /// </summary>
        public DateTime TimersQueriedAgainAt
        {
            get => new(Interlocked.Read(ref _timersQueriedAgainAt), DateTimeKind.Utc);
            set => Interlocked.Exchange(ref _timersQueriedAgainAt, value.Ticks);
        }

        /// <summary>The loop's last page was full of due timers, so more may be waiting behind it.</summary>
        public volatile bool MoreTimersDue;

        public SemaphoreSlim PollSignal { get; } = new(0);

        public volatile bool Owned;

        public DateTime LeaseValidUntil { get; set; }

        /// <summary>Cancels this partition's loops when it is released or lost.</summary>
        public CancellationTokenSource? Work { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Durable worker started on task hub {HubName} with {Partitions} partitions.")]
        public static partial void Started(ILogger logger, string hubName, int partitions);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Durable worker on task hub {HubName} crashed (simulated).")]
        public static partial void Crashed(ILogger logger, string hubName);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Message {MessageId} failed {DequeueCount} times and moved to the poison queue.")]
        public static partial void Poisoned(ILogger logger, string messageId, long dequeueCount);

        [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Storage for task hub {HubName} is not reachable yet; the worker keeps trying.")]
        public static partial void StorageUnavailable(ILogger logger, Exception exception, string hubName);

        [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Loop {Loop} of partition {Partition} failed; retrying.")]
        public static partial void LoopFailed(ILogger logger, Exception exception, string loop, int partition);
    }
}
