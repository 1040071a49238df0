using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;

namespace CreditFlow.Durable.Worker;

/// <summary>One step: load, apply, commit (or defer), dispatch.</summary>
internal sealed partial class InstanceSession
{
    /// <summary>Events applied in memory but not yet committed (deferred checkpoints).</summary>
    private readonly List<HistoryEvent> _uncommitted = [];
    private int _deferredSteps;
    private bool _mayBeNew = true;
    private bool _retriedAsExisting;

    private async Task StepAsync(List<(TaskMessage Message, Anchor? Anchor)> batch)
    {
        if (!worker.OwnsPartition(partition))
        {
            // The partition moved to another worker: give everything back for its new owner.
            await StartOverAsync(batch);
            return;
        }

        while (true)
        {
            var state = _state ?? await LoadAsync(batch);
            var assumedNew = !state.Exists;
            var deferred = new List<TaskMessage>();
            var now = worker.Time.GetUtcNow().UtcDateTime;
            var result = OrchestrationStep.Apply(state, [.. batch.Select(b => b.Message)], now, worker.ResolveOrchestrator, worker.LoggerFactory, deferred);
            var anchors = batch.Where(b => b.Anchor is not null && !deferred.Contains(b.Message)).Select(b => b.Anchor!).ToList();
            _state = state;

            if (!result.IsEmpty)
            {
                _uncommitted.AddRange(result.NewEvents);
                if (CanDefer(state, result))
                {
                    _deferredSteps++;
                    await DispatchAsync(result.NewOutbox);
                }
                else
                {
                    worker.Faults?.At(FaultPoint.BeforeCommit, instanceId);
                    if (!worker.HoldsLease(partition))
                    {
                        // Not safe to commit now; try again once the lease is renewed (or let the next owner).
                        Log.LeaseExpired(worker.Logger, instanceId);
                        await GiveBackAsync(batch, TimeSpan.FromSeconds(5), stopRunning: false);
                        return;
                    }

                    try
                    {
                        await CommitAsync(state, result.NewOutbox);
                    }
                    catch (CheckpointConflictException) when (assumedNew && !_retriedAsExisting)
                    {
                        // The start was for an instance that exists after all (a redelivered or
                        // replacing start): read it and apply the batch again, keeping the messages.
                        _retriedAsExisting = true;
                        _state = null;
                        _uncommitted.Clear();
                        _deferredSteps = 0;
                        continue;
                    }
                    catch (CheckpointConflictException)
                    {
                        // Someone else moved the instance on (or it existed after all). Start over
                        // from storage: every message this session holds comes back, and steps that
                        // were not committed are redone.
                        Log.Conflict(worker.Logger, instanceId);
                        await StartOverAsync(batch);
                        return;
                    }

                    worker.Faults?.At(FaultPoint.AfterCommit, instanceId);
                    await DispatchAsync(result.NewOutbox);
                    worker.Faults?.At(FaultPoint.AfterDispatch, instanceId);
                }
            }

            if (result.IsEmpty && result.NewOutbox.Count > 0)
            {
                await DispatchAsync(result.NewOutbox); // replies that change nothing here, e.g. a refused child start
            }

            lock (_gate)
            {
                _heldAnchors.AddRange(anchors);
            }

            if (deferred.Count > 0)
            {
                // The instance has not started yet: let these messages come back a little later.
                await worker.AbandonAsync([.. batch.Where(b => deferred.Contains(b.Message) && b.Anchor is not null).Select(b => b.Anchor!)], TimeSpan.FromSeconds(1));
            }

            _retriedAsExisting = false;
            return;
        }
    }

    /// <summary>Starts over from storage: every held message comes back at once.</summary>
    private Task StartOverAsync(List<(TaskMessage Message, Anchor? Anchor)> batch) => GiveBackAsync(batch, TimeSpan.Zero, stopRunning: false);

    /// <summary>
    /// A step whose only new work is local activities need not be committed before they run: if the
    /// process dies, the held anchor brings the instance back and the steps are redone.
    /// </summary>
    private bool CanDefer(InstanceState state, StepResult result) =>
        worker.Hub.Options.DeferCheckpointsForLocalActivities
        && _deferredSteps < worker.Hub.Options.MaxDeferredSteps
        && state.Exists // the first step of an instance commits: a start that was not new must fail fast, on its own batch
        && state.Status == OrchestrationRuntimeStatus.Running
        && result.NewOutbox.Count > 0
        && result.NewOutbox.All(i => i is RunActivity);

    private async Task CommitAsync(InstanceState state, IReadOnlyList<OutboxItem> newOutbox)
    {
        await worker.Store.CommitAsync(state, _uncommitted, FullOutbox(state, newOutbox), worker.Stopping);
        _uncommitted.Clear();
        _deferredSteps = 0;
        _mayBeNew = false;
        worker.Notifier.Changed(instanceId, () => DurableTaskClient.ToMetadata(state, withPayloads: true));
    }

    /// <summary>Commits steps held back by deferral, before the instance goes quiet.</summary>
    private async Task CommitDeferredAsync()
    {
        if (_uncommitted.Count > 0 && _state is { } state)
        {
            worker.Faults?.At(FaultPoint.BeforeCommit, instanceId);
            await CommitAsync(state, []);
            worker.Faults?.At(FaultPoint.AfterCommit, instanceId);
        }
    }

    private async Task<InstanceState> LoadAsync(List<(TaskMessage Message, Anchor? Anchor)> batch)
    {
        if (_mayBeNew && batch.Any(b => b.Message.Event is ExecutionStarted))
        {
            // Most starts are for new instances: skip the read. If the instance exists after all,
            // the sentinel insert fails and the step is retried from storage.
            _mayBeNew = false;
            return new InstanceState(instanceId);
        }

        _mayBeNew = false;
        var state = await worker.Store.LoadAsync(instanceId, worker.Stopping);
        _state = state;
        if (state.Outbox.Count > 0 && !state.Status.IsTerminal())
        {
            // A committed outbox from before a crash (or from another owner): send it again.
            // Receivers drop what they already have.
            await DispatchAsync(state.Outbox);
        }
        else if (state.Outbox.Count > 0)
        {
            await DispatchAsync([.. state.Outbox.OfType<SendMessage>()]);
        }

        return state;
    }

    /// <summary>
    /// The outbox to commit: this step's work, plus activities still running from earlier steps, so
    /// that a crash re-dispatches them (the outbox row is replaced at every checkpoint).
    /// </summary>
    private static List<OutboxItem> FullOutbox(InstanceState state, IReadOnlyList<OutboxItem> newOutbox)
    {
        if (state.Status.IsTerminal() || state.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            return [.. newOutbox];
        }

        var fresh = newOutbox.OfType<RunActivity>().Select(a => a.TaskId).ToHashSet();
        return [.. newOutbox, .. OrchestrationStep.PendingActivities(state).Where(a => !fresh.Contains(a.TaskId))];
    }

    private async Task DispatchAsync(IReadOnlyList<OutboxItem> outbox)
    {
        foreach (var item in outbox)
        {
            switch (item)
            {
                case RunActivity activity:
                    if (ActivityStarted(activity))
                    {
                        worker.Activities.Start(this, activity);
                    }

                    break;
                case StoreTimer timer:
                    await worker.Timers.StoreAsync(worker.Hub.PartitionOf(timer.Message.InstanceId), timer.DueAt, timer.Message, worker.Stopping);
                    worker.TimerStored(worker.Hub.PartitionOf(timer.Message.InstanceId));
                    break;
                case SendMessage send:
                    await worker.Sender.SendAsync(send.Message, worker.Stopping);
                    break;
            }
        }
    }
}
