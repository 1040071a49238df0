using CreditFlow.Durable.History;

namespace CreditFlow.Durable.Execution;

/// <summary>Applying history events: confirming actions and completing awaited tasks.</summary>
internal sealed partial class ReplayOrchestrationContext
{
    /// <summary>Applies one history event to the running code.</summary>
    /// <exception cref="NonDeterministicOrchestrationException">The event does not match what the code did.</exception>
    internal void Apply(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case OrchestratorStarted started:
                CurrentTime = started.Timestamp;
                break;
            case TaskScheduled scheduled:
                Confirm(scheduled.EventId, scheduled, a => a is ScheduleTaskAction t && t.Name == scheduled.Name, $"TaskScheduled '{scheduled.Name}'");
                break;
            case TimerCreated created:
                Confirm(created.EventId, created, a => a is CreateTimerAction, "TimerCreated");
                break;
            case SubOrchestrationInstanceCreated created:
                Confirm(created.EventId, created, a => a is CreateSubOrchestrationAction s && s.Name == created.Name, $"SubOrchestrationInstanceCreated '{created.Name}'");
                break;
            case EventSent sent:
                Confirm(sent.EventId, sent, a => a is SendEventAction s && s.Name == sent.Name && s.InstanceId == sent.InstanceId, $"EventSent '{sent.Name}' to '{sent.InstanceId}'");
                break;
            case TaskCompleted completed:
                Complete(completed.TaskScheduledId, t => t.SetResult(completed.Result));
                break;
            case TaskFailed failed:
                Complete(failed.TaskScheduledId, t => t.SetFailure(failed.FailureDetails));
                break;
            case SubOrchestrationInstanceCompleted completed:
                Complete(completed.TaskScheduledId, t => t.SetResult(completed.Result));
                break;
            case SubOrchestrationInstanceFailed failed:
                Complete(failed.TaskScheduledId, t => t.SetFailure(failed.FailureDetails));
                break;
            case TimerFired fired:
                Complete(fired.TimerId, t => t.SetResult(null));
                break;
            case EventRaised raised:
                Deliver(raised);
                break;
        }
    }

    private void Confirm(int id, HistoryEvent recorded, Func<OrchestratorAction, bool> matches, string expected)
    {
        if (!_unmatchedActions.TryGetValue(id, out var action))
        {
            throw new NonDeterministicOrchestrationException(id, expected, "nothing (no such call was made)");
        }

        if (!matches(action))
        {
            throw new NonDeterministicOrchestrationException(id, expected, action.Describe());
        }

        _unmatchedActions.Remove(id);
        _ = recorded;
    }

    private void Complete(int id, Action<IOpenTask> complete)
    {
        // A completion for a task this code has no open call for is a duplicate or a cancelled
        // timer's late firing: nothing waits for it.
        if (_openTasks.Remove(id, out var task))
        {
            complete(task);
        }
    }

    private void Deliver(EventRaised raised)
    {
        if (_eventWaiters.TryGetValue(raised.Name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.Deliver(raised.Input);
            return;
        }

        if (!_bufferedEvents.TryGetValue(raised.Name, out var queue))
        {
            _bufferedEvents[raised.Name] = queue = new Queue<EventRaised>();
        }

        queue.Enqueue(raised);
    }
}
