using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable.Worker;

/// <summary>
/// One instance as its partition's owner works on it: an inbox of messages, the cached state, the
/// anchors to acknowledge, and the activities in flight. Steps of one instance never overlap.
/// </summary>
internal sealed partial class InstanceSession(string instanceId, int partition, CreditFlowDurableTaskWorker worker)
{
    private readonly Lock _gate = new();
    private readonly List<(TaskMessage Message, Anchor? Anchor)> _inbox = [];
    private readonly List<Anchor> _heldAnchors = [];
    private readonly HashSet<(string ExecutionId, int TaskId)> _tasksInFlight = [];
    private InstanceState? _state;
    private bool _running;
    private bool _retired;
    private int _activitiesInFlight;

    public string InstanceId => instanceId;

    public int Partition => partition;

    public bool IsFinished => _state?.Status.IsTerminal() == true;

    /// <summary>True once the session has gone quiet and left the worker's map; it takes no more messages.</summary>
    internal bool IsRetired
    {
        get
        {
            lock (_gate)
            {
                return _retired;
            }
        }
    }

    /// <summary>
    /// Queues a message and starts working if the session is not already. False when the session has
    /// just retired (left the worker's map): the caller delivers to a new session instead.
    /// </summary>
    public bool TryEnqueue(TaskMessage message, Anchor? anchor)
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            _inbox.Add((message, anchor));
            if (_running)
            {
                return true;
            }

            _running = true;
        }

        _ = Task.Run(RunAsync);
        return true;
    }

    /// <summary>Marks an activity as running here; false when it already is (a re-dispatch after a reload).</summary>
    private bool ActivityStarted(RunActivity activity)
    {
        lock (_gate)
        {
            if (!_tasksInFlight.Add((activity.ExecutionId, activity.TaskId)))
            {
                return false;
            }

            _activitiesInFlight++;
            return true;
        }
    }

    /// <summary>
    /// An activity's result arrives as a message without an anchor: the step's own anchor still holds.
    /// Counted down and queued in one go, so the session cannot retire in between and lose it.
    /// </summary>
    public void ActivityFinished(RunActivity activity, TaskMessage result)
    {
        lock (_gate)
        {
            _tasksInFlight.Remove((activity.ExecutionId, activity.TaskId));
            _activitiesInFlight--;
            _inbox.Add((result, null));
            if (_running)
            {
                return;
            }

            _running = true;
        }

        _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        List<(TaskMessage Message, Anchor? Anchor)> batch = [];
        List<Anchor>? toAcknowledge = null;
        try
        {
            while (!worker.Stopping.IsCancellationRequested)
            {
                toAcknowledge = null;
                lock (_gate)
                {
                    batch = [.. _inbox];
                    _inbox.Clear();
                    if (batch.Count == 0)
                    {
                        var indexSettled = _state is null || !_state.Exists || _state.IndexUpToDate;
                        if (_activitiesInFlight > 0 || (_heldAnchors.Count == 0 && _uncommitted.Count == 0 && indexSettled))
                        {
                            _running = false;
                            if (_activitiesInFlight == 0)
                            {
                                // Quiet: leave the worker's map, so memory holds only instances at work. Under the
                                // gate, so a message either arrived before (and keeps us running) or finds us retired.
                                _retired = true;
                                worker.Forget(this);
                            }

                            return;
                        }

                        toAcknowledge = [.. _heldAnchors];
                        _heldAnchors.Clear();
                    }
                }

                if (toAcknowledge is not null)
                {
                    await SettleAsync(toAcknowledge);
                    toAcknowledge = null;
                    continue;
                }

                await worker.OrchestrationSlots.WaitAsync(worker.Stopping);
                try
                {
                    await StepAsync(batch);
                    batch = [];
                }
                finally
                {
                    worker.OrchestrationSlots.Release();
                }
            }
        }
        catch (SimulatedCrashException)
        {
            worker.Crash();
        }
        catch (OperationCanceledException) when (worker.Stopping.IsCancellationRequested)
        {
            // Shutting down: unacknowledged anchors reappear for the next owner.
        }
        catch (Exception e)
        {
            // Drop the cache and give every message back, the failing batch's too, so they are
            // retried (and, if they keep failing, end in the poison queue).
            Log.StepFailed(worker.Logger, e, instanceId);
            if (toAcknowledge is not null)
            {
                // Settling failed: those anchors were neither deleted nor given back yet.
                lock (_gate)
                {
                    _heldAnchors.AddRange(toAcknowledge);
                }
            }

            // The poison queue shows why: the cause, not the reflection wrapper around a constructor that threw.
            var cause = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
            await GiveBackAsync(batch, TimeSpan.FromSeconds(5), stopRunning: true, error: $"{cause.GetType().Name}: {cause.Message}");
        }
    }

    /// <summary>
    /// Forgets the cached state and uncommitted steps and gives back every message this session
    /// holds (plus <paramref name="batch"/>'s), to reappear after <paramref name="delay"/>.
    /// </summary>
    internal async Task GiveBackAsync(List<(TaskMessage Message, Anchor? Anchor)> batch, TimeSpan delay, bool stopRunning, string? error = null)
    {
        _state = null;
        _uncommitted.Clear();
        _deferredSteps = 0;
        List<Anchor> release;
        lock (_gate)
        {
            release = [.. _heldAnchors, .. batch.Where(b => b.Anchor is not null).Select(b => b.Anchor!)];
            _heldAnchors.Clear();
            if (stopRunning)
            {
                release.AddRange(_inbox.Where(i => i.Anchor is not null).Select(i => i.Anchor!));
                _inbox.Clear();
                _running = false;
            }
        }

        await worker.AbandonAsync(release, delay, error);
    }

    /// <summary>
    /// Acknowledges the anchors of committed work, brings the Instances index up to date, then
    /// deletes the payload blobs no row refers to any more.
    /// </summary>
    private async Task SettleAsync(List<Anchor> anchors)
    {
        await CommitDeferredAsync();
        worker.Faults?.At(FaultPoint.BeforeDelete, instanceId);
        if (_state is { IndexUpToDate: false } state && state.Exists)
        {
            await worker.Store.UpdateIndexAsync(state, worker.Stopping);
        }

        await worker.AcknowledgeAsync(anchors);
        if (_state is { } settled)
        {
            await CollectGarbageAsync(settled);
        }
    }

    /// <summary>Blobs of superseded values and of earlier executions whose rows are gone.</summary>
    private async Task CollectGarbageAsync(InstanceState state)
    {
        if (state.SupersededBlobs.Count > 0)
        {
            List<string> superseded = [.. state.SupersededBlobs];
            state.SupersededBlobs.Clear();
            await worker.Payloads.DeleteQuietlyAsync(superseded);
        }

        if (state.StaleExecutions.Count > 0 && state.StaleRowKeys.Count == 0)
        {
            foreach (var execution in state.StaleExecutions.ToList())
            {
                await worker.Payloads.DeletePrefixAsync($"{PayloadStore.BlobPrefix(instanceId)}{execution}/", worker.Stopping);
                state.StaleExecutions.Remove(execution);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "A step of instance {InstanceId} failed; its messages will be retried.")]
        public static partial void StepFailed(ILogger logger, Exception exception, string instanceId);

        [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Instance {InstanceId} was not checkpointed: this worker no longer holds its partition's lease.")]
        public static partial void LeaseExpired(ILogger logger, string instanceId);

        [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Instance {InstanceId} changed under us; reloading.")]
        public static partial void Conflict(ILogger logger, string instanceId);

        [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Messages for instance {InstanceId}, which does not exist and is not scheduled, were dropped.")]
        public static partial void DroppedForUnknown(ILogger logger, string instanceId);
    }
}
