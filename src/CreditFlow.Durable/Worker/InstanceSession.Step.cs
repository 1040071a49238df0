using CreditFlow.Durable.Storage;

namespace CreditFlow.Durable.Worker;

/// <summary>One step: load, apply, commit, dispatch.</summary>
internal sealed partial class InstanceSession
{
    private async Task StepAsync(List<(TaskMessage Message, Anchor? Anchor)> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = _state ?? await LoadAsync();
            var deferred = new List<TaskMessage>();
            var now = worker.Time.GetUtcNow().UtcDateTime;
            var result = OrchestrationStep.Apply(state, [.. batch.Select(b => b.Message)], now, worker.ResolveOrchestrator, worker.LoggerFactory, deferred);
            var anchors = batch.Where(b => b.Anchor is not null && !deferred.Contains(b.Message)).Select(b => b.Anchor!).ToList();

            if (!result.IsEmpty)
            {
                worker.Faults?.At(FaultPoint.BeforeCommit, instanceId);
                try
                {
                    await worker.Store.CommitAsync(state, result.NewEvents, FullOutbox(state, result), worker.Stopping);
                }
                catch (CheckpointConflictException) when (attempt < 3)
                {
                    Log.Conflict(worker.Logger, instanceId);
                    _state = null;
                    continue;
                }

                _state = state;
                worker.Notifier.Changed(instanceId);
                worker.Faults?.At(FaultPoint.AfterCommit, instanceId);
                await DispatchAsync(result.NewOutbox);
                worker.Faults?.At(FaultPoint.AfterDispatch, instanceId);
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

            return;
        }
    }

    private async Task<InstanceState> LoadAsync()
    {
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
    private static List<OutboxItem> FullOutbox(InstanceState state, StepResult result)
    {
        if (state.Status.IsTerminal() || state.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            return [.. result.NewOutbox];
        }

        var fresh = result.NewOutbox.OfType<RunActivity>().Select(a => a.TaskId).ToHashSet();
        return [.. result.NewOutbox, .. OrchestrationStep.PendingActivities(state).Where(a => !fresh.Contains(a.TaskId))];
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
