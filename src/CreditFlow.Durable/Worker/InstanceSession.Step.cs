using CreditFlow.Durable.Client;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Tracing;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Worker;

/// <summary>One step: load, apply, commit (or defer), dispatch.</summary>
internal sealed partial class InstanceSession
{
    /// <summary>Events applied in memory but not yet committed (deferred checkpoints).</summary>
    private readonly List<HistoryEvent> _uncommitted = [];
    private int _deferredSteps;
    private bool _mayBeNew = true;
    private bool _retriedAsExisting;
    private bool _rewritten;

    /// <summary>The status of the last checkpoint this session knows of, so each status reached is counted once.</summary>
    private OrchestrationRuntimeStatus? _committedStatus;

    /// <summary>One step, as one span (<c>orchestration:{name}</c>) continuing the trace of the message that woke it.</summary>
    private async Task StepAsync(List<(TaskMessage Message, Anchor? Anchor)> batch)
    {
        using var span = StepTracing.Start(instanceId, batch.Select(b => b.Message));
        try
        {
            await StepCoreAsync(batch, span);
        }
        catch (Exception e) when (StepTracing.Failed(span, e))
        {
            throw; // never reached: the filter only marks the span
        }
    }

    private async Task StepCoreAsync(List<(TaskMessage Message, Anchor? Anchor)> batch, System.Diagnostics.Activity? span)
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
            var early = new List<TaskMessage>();
            var onlyLocalResults = batch.All(b => b.Anchor is null);
            var now = StepTime(state, onlyLocalResults);
            var result = OrchestrationStep.Apply(state, [.. batch.Select(b => b.Message)], now, worker, worker.LoggerFactory, early);
            result = result with { NewOutbox = StepTracing.Stamp(result.NewOutbox, span) };
            StepTracing.Describe(span, state);
            var anchors = batch.Where(b => b.Anchor is not null && !early.Contains(b.Message)).Select(b => b.Anchor!).ToList();
            _state = state;

            if (!result.IsEmpty)
            {
                if (result.RewritesHistory)
                {
                    _uncommitted.Clear();
                    _rewritten = true;
                }

                _uncommitted.AddRange(result.NewEvents);
                if (CanDefer(state, result, onlyLocalResults))
                {
                    _deferredSteps++;
                    await DispatchAsync(result.NewOutbox);
                }
                else
                {
                    try
                    {
                        await CommitAsync(state, result.NewOutbox);
                    }
                    catch (LeaseLostException)
                    {
                        // Not safe to commit now; try again once the lease is renewed (or let the next owner).
                        Log.LeaseExpired(worker.Logger, instanceId);
                        await GiveBackAsync(batch, TimeSpan.FromSeconds(5), stopRunning: false);
                        return;
                    }
                    catch (CheckpointConflictException) when (assumedNew && !_retriedAsExisting)
                    {
                        // The start was for an instance that exists after all (a redelivered or
                        // replacing start, or one with messages kept for it): read it and apply the
                        // batch again, keeping the messages.
                        _retriedAsExisting = true;
                        Reset();
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

            if (early.Count > 0)
            {
                await KeepForStartAsync(batch, early);
            }

            _retriedAsExisting = false;
            return;
        }
    }

    /// <summary>
    /// Messages for an execution that has not begun are kept with the instance (its sentinel row) and
    /// acknowledged: they apply when it starts, however far ahead that is, instead of circling the queue.
    /// A terminate ends a scheduled instance at once.
    /// </summary>
    private async Task KeepForStartAsync(List<(TaskMessage Message, Anchor? Anchor)> batch, List<TaskMessage> early)
    {
        var anchors = batch.Where(b => b.Anchor is not null && early.Contains(b.Message)).Select(b => b.Anchor!).ToList();
        var kept = early.ToList();
        var stored = kept.FirstOrDefault(m => m.Event is ExecutionTerminated) is { } terminate
            ? await TerminateBeforeStartAsync((ExecutionTerminated)terminate.Event)
            : await worker.Store.KeepForStartAsync(instanceId, kept, worker.Stopping);
        Reset(); // the rows changed: the next step reads them
        if (stored)
        {
            lock (_gate)
            {
                _heldAnchors.AddRange(anchors);
            }
        }
        else
        {
            // No instance with this id exists or is scheduled: back to the queue; if that stays so, to the poison queue.
            await worker.AbandonAsync(anchors, TimeSpan.FromSeconds(1), $"No instance '{instanceId}' exists or is scheduled to receive this message.");
        }
    }

    /// <summary>A terminate for an instance that is scheduled but has not started: it ends now, never to run.</summary>
    private async Task<bool> TerminateBeforeStartAsync(ExecutionTerminated terminated)
    {
        var state = await worker.Store.LoadAsync(instanceId, worker.Stopping);
        if (state.History.Count > 0)
        {
            // Between ContinueAsNew and the next execution: the terminate waits for that start and applies then.
            return await worker.Store.KeepForStartAsync(instanceId, [new TaskMessage(instanceId, null, terminated, $"{instanceId}:terminate:{terminated.Timestamp.Ticks}")], worker.Stopping);
        }

        var scheduled = await worker.Store.ReadIndexAsync(instanceId, worker.Stopping);
        if (scheduled is null)
        {
            return false;
        }

        if (!worker.HoldsLease(partition))
        {
            throw new LeaseLostException();
        }

        var now = worker.Time.GetUtcNow().UtcDateTime;
        state.Name = scheduled.Name;
        state.ExecutionId = scheduled.ExecutionId;
        state.Version = scheduled.Version;
        state.Input = scheduled.Input;
        state.CreatedAt = scheduled.CreatedAt;
        state.LastUpdatedAt = now;
        state.Status = OrchestrationRuntimeStatus.Terminated;
        state.Output = Execution.PayloadConverter.ToJson(terminated.Reason);
        state.Checkpoint = Math.Max(state.Checkpoint, scheduled.Checkpoint);
        state.Inbox = [];
        await worker.Store.CommitAsync(state, [terminated with { Timestamp = now }, new ExecutionCompleted(OrchestrationRuntimeStatus.Terminated, state.Output) { Timestamp = now }], [], worker.Stopping);
        _committedStatus = null;
        CountStatus(state);
        await worker.Store.UpdateIndexAsync(state, worker.Stopping);
        worker.Notifier.Changed(instanceId, () => CreditFlowDurableTaskClient.ToMetadata(state, withPayloads: true));
        return true;
    }

    /// <summary>Starts over from storage: every held message comes back at once.</summary>
    private Task StartOverAsync(List<(TaskMessage Message, Anchor? Anchor)> batch) => GiveBackAsync(batch, TimeSpan.Zero, stopRunning: false);

    private void Reset()
    {
        _state = null;
        _uncommitted.Clear();
        _deferredSteps = 0;
        _rewritten = false;
    }

    /// <summary>
    /// The step's time. With deferral on, a step woken only by local activity results keeps the time of
    /// the step before it: the time a redo after a crash would find in the committed history, so that
    /// <c>CurrentUtcDateTime</c> and <c>NewGuid</c> repeat exactly.
    /// </summary>
    private DateTime StepTime(InstanceState state, bool onlyLocalResults) =>
        onlyLocalResults && worker.Hub.Options.DeferCheckpointsForLocalActivities && state.History.LastOrDefault(e => e is OrchestratorStarted) is { } previous
            ? previous.Timestamp
            : worker.Time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A step may run its activity before its checkpoint only when opted in, and only when a crash can
    /// redo it exactly: it was woken by nothing but a local activity result (no message whose order
    /// could change), it schedules exactly one activity and awaits nothing else (no race to win
    /// differently), and it runs on the clock of the last committed step (so time and new GUIDs repeat).
    /// Its activities must also return the same result for the same input; that is why it is off by default.
    /// </summary>
    private bool CanDefer(InstanceState state, StepResult result, bool onlyLocalResults) =>
        worker.Hub.Options.DeferCheckpointsForLocalActivities
        && _deferredSteps < worker.Hub.Options.MaxDeferredSteps
        && onlyLocalResults
        && !_rewritten
        && state.Exists // the first step of an instance commits: a start that was not new must fail fast, on its own batch
        && state.Status == OrchestrationRuntimeStatus.Running
        && result.NewOutbox is [RunActivity]
        && result.OpenDurableWork == 1;

    /// <exception cref="LeaseLostException">The worker no longer holds the partition's lease with a safe margin.</exception>
    private async Task CommitAsync(InstanceState state, IReadOnlyList<OutboxItem> newOutbox)
    {
        worker.Faults?.At(FaultPoint.BeforeCommit, instanceId);
        if (!worker.HoldsLease(partition))
        {
            throw new LeaseLostException();
        }

        await worker.Store.CommitAsync(state, _uncommitted, FullOutbox(state, newOutbox), worker.Stopping, _rewritten);
        _uncommitted.Clear();
        _deferredSteps = 0;
        _rewritten = false;
        _mayBeNew = false;
        CountStatus(state);
        worker.Notifier.Changed(instanceId, () => CreditFlowDurableTaskClient.ToMetadata(state, withPayloads: true));
    }

    /// <summary>Counts a status the instance reached with this checkpoint (<see cref="DurableTelemetry.Orchestrations"/>).</summary>
    private void CountStatus(InstanceState state)
    {
        if (state.Status != _committedStatus && DurableTelemetry.Orchestrations.Enabled)
        {
            DurableTelemetry.Orchestrations.Add(
                1, new KeyValuePair<string, object?>("durabletask.task.name", state.Name), new KeyValuePair<string, object?>(DurableTelemetry.StatusTag, StepTracing.StatusName(state.Status)));
        }

        _committedStatus = state.Status;
    }

    /// <summary>Commits steps held back by deferral, before the instance goes quiet.</summary>
    private async Task CommitDeferredAsync()
    {
        if (_uncommitted.Count > 0 && _state is { } state)
        {
            await CommitAsync(state, []);
            worker.Faults?.At(FaultPoint.AfterCommit, instanceId);
        }
    }

    private async Task<InstanceState> LoadAsync(List<(TaskMessage Message, Anchor? Anchor)> batch)
    {
        if (_mayBeNew && batch.FirstOrDefault(b => b.Message.Event is ExecutionStarted).Message is { } start)
        {
            // Most starts are for new instances: skip the read. If the instance exists after all,
            // the sentinel insert fails and the step is retried from storage.
            _mayBeNew = false;
            var fresh = new InstanceState(instanceId) { IndexETag = start.IndexETag is { } etag ? new Azure.ETag(etag) : null };
            if (start.InputBlob is { } blob && ((ExecutionStarted)start.Event).Input is { } input)
            {
                fresh.Blobs["Input"] = new StoredBlob(input, blob);
            }

            return fresh;
        }

        _mayBeNew = false;
        var state = await worker.Store.LoadAsync(instanceId, worker.Stopping);
        _state = state;
        _committedStatus = state.Exists ? state.Status : null;
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
        if (state.Status.IsTerminal() || state.Status == RuntimeStatus.BetweenExecutions)
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
                    var timerPartition = worker.Hub.PartitionOf(timer.Message.InstanceId);
                    await worker.Timers.StoreAsync(timerPartition, timer.DueAt, timer.Message, worker.Stopping);
                    worker.TimerStored(timerPartition, timer.DueAt);
                    break;
                case SendMessage send:
                    await worker.Sender.SendAsync(send.Message, worker.Stopping);
                    break;
            }
        }
    }

    /// <summary>A commit was refused because this worker may no longer hold the partition.</summary>
    private sealed class LeaseLostException : Exception;
}
