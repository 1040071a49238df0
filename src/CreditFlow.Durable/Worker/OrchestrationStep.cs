using CreditFlow.Durable.Execution;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable.Worker;

/// <summary>What one step decided: events to append and work to dispatch after the commit.</summary>
/// <param name="OpenDurableWork">Calls, timers and event waits the orchestrator still awaits.</param>
internal sealed record StepResult(IReadOnlyList<HistoryEvent> NewEvents, IReadOnlyList<OutboxItem> NewOutbox, int OpenDurableWork = 0)
{
    public static readonly StepResult Nothing = new([], []);

    /// <summary>True when the incoming messages were all duplicates or stale (replies may still go out).</summary>
    public bool IsEmpty => NewEvents.Count == 0;

    /// <summary>True when <see cref="NewEvents"/> is the whole history, rewritten (a rewind), not an addition to it.</summary>
    public bool RewritesHistory { get; init; }
}

/// <summary>The orchestrators a worker can run, by name and version.</summary>
internal interface IOrchestratorSource
{
    /// <summary>Creates the orchestrator of <paramref name="name"/> at <paramref name="version"/>, or says why none can run it.</summary>
    ITaskOrchestrator? Resolve(string name, string? version, out string? problem);

    /// <summary>The version a new instance of <paramref name="name"/> starts on; null when unversioned.</summary>
    string? NewestVersion(string name);
}

/// <summary>
/// Applies a batch of incoming messages to an instance: drops duplicates and stale messages,
/// handles terminate / suspend / resume / rewind, runs the orchestrator, and turns its actions into
/// history events and outbox items. Pure apart from the orchestrator's own code.
/// </summary>
internal static class OrchestrationStep
{
    /// <summary>
    /// Messages that cannot apply yet — events and controls for an instance that has not started, or
    /// is between ContinueAsNew and its next execution — are returned in <paramref name="early"/>, to
    /// be kept for the start.
    /// </summary>
    public static StepResult Apply(
        InstanceState state, IReadOnlyList<TaskMessage> messages, DateTime now,
        IOrchestratorSource orchestrators, ILoggerFactory? loggerFactory, List<TaskMessage> early)
    {
        var accepted = new List<HistoryEvent>();
        var replies = new List<OutboxItem>();
        foreach (var message in messages.OrderBy(m => m.Event is ExecutionStarted ? 0 : 1))
        {
            var historyEvent = message.Event with { MessageId = message.MessageId, Timestamp = message.Event is ExecutionStarted ? message.Event.Timestamp : now };
            if (historyEvent is ExecutionStarted started)
            {
                if (state.ExecutionId == started.ExecutionId && (state.History.Count > 0 || state.Status.IsTerminal()))
                {
                    continue; // a redelivered start, or one terminated before it began
                }

                if (state.History.Count > 0 && state.Status is not (RuntimeStatus.BetweenExecutions or OrchestrationRuntimeStatus.Pending) && !state.Status.IsTerminal())
                {
                    // A start for an instance that runs another execution. A client was refused
                    // already; a parent must hear it, or it would wait for this child forever.
                    if (started.Parent is { } parent)
                    {
                        var failure = FailureDetails.Of("OrchestrationAlreadyExists", $"Instance '{state.InstanceId}' is already running; the sub-orchestration was not started.");
                        replies.Add(new SendMessage(new TaskMessage(parent.InstanceId, parent.ExecutionId, new SubOrchestrationInstanceFailed(parent.TaskId, failure), $"{started.ExecutionId}:refused")));
                    }

                    continue;
                }

                // A start that names no version runs on the newest registered: fixed now, in history.
                started = started with { Version = started.Version ?? orchestrators.NewestVersion(started.Name) };
                var kept = state.Inbox;
                state.BeginExecution(started, now);
                accepted.Clear();
                accepted.Add(started);

                // What the previous execution received and did not consume, then what arrived before this one began.
                accepted.AddRange((message.Carried ?? []).Select((e, i) => e with { MessageId = $"{started.ExecutionId}:carried:{i}", Timestamp = now }));
                accepted.AddRange(kept.Where(k => k.Event is not ExecutionStarted).Select(k => k.Event with { MessageId = k.MessageId, Timestamp = now }));
                continue;
            }

            var waitsForStart = (state.History.Count == 0 && accepted.Count == 0) || (state.Status == RuntimeStatus.BetweenExecutions && accepted.Count == 0);
            if (waitsForStart)
            {
                if (message.ExecutionId is null && !state.Status.IsTerminal())
                {
                    early.Add(message); // an event or control for an execution that has not begun: keep it for the start
                }

                // Otherwise it belongs to an execution that no longer exists (e.g. a purged
                // instance's timer or activity result): drop it.
                continue;
            }

            if (historyEvent is ExecutionRewound && state.Status == OrchestrationRuntimeStatus.Failed && accepted.Count == 0)
            {
                return Rewind(state, (ExecutionRewound)historyEvent, now, orchestrators, loggerFactory);
            }

            if (state.Status.IsTerminal() || state.Status == RuntimeStatus.BetweenExecutions
                || (message.ExecutionId is not null && message.ExecutionId != state.ExecutionId)
                || IsDuplicate(state.History, accepted, historyEvent))
            {
                continue;
            }

            accepted.Add(historyEvent);
        }

        if (accepted.Count == 0)
        {
            return replies.Count == 0 ? StepResult.Nothing : new StepResult([], replies);
        }

        var newEvents = new List<HistoryEvent> { new OrchestratorStarted { Timestamp = now } };
        newEvents.AddRange(accepted);
        state.History.AddRange(newEvents);
        state.LastUpdatedAt = now;
        var outbox = new List<OutboxItem>(replies);

        if (accepted.OfType<ExecutionTerminated>().FirstOrDefault() is { } terminated)
        {
            Terminate(state, terminated, now, newEvents, outbox);
            return new StepResult(newEvents, outbox);
        }

        foreach (var control in accepted)
        {
            state.Status = (control, state.Status) switch
            {
                (ExecutionSuspended, OrchestrationRuntimeStatus.Running) => OrchestrationRuntimeStatus.Suspended,
                (ExecutionResumed, OrchestrationRuntimeStatus.Suspended) => OrchestrationRuntimeStatus.Running,
                _ => state.Status,
            };
        }

        if (state.Status == OrchestrationRuntimeStatus.Suspended)
        {
            // Events are kept in history and applied when the instance resumes.
            return new StepResult(newEvents, outbox);
        }

        var open = Run(state, now, orchestrators, loggerFactory, newEvents, outbox);
        return new StepResult(newEvents, outbox, open);
    }

    /// <returns>The durable work the orchestrator still awaits.</returns>
    private static int Run(InstanceState state, DateTime now, IOrchestratorSource orchestrators, ILoggerFactory? loggerFactory, List<HistoryEvent> newEvents, List<OutboxItem> outbox)
    {
        // Everything after the last completed step is new to the code (including events kept while suspended).
        var firstNew = state.History.FindLastIndex(e => e is OrchestratorCompleted) + 1;
        var result = orchestrators.Resolve(state.Name!, state.Version, out var problem) is { } orchestrator
            ? OrchestrationExecutor.Execute(orchestrator, state.InstanceId, state.History, firstNew, loggerFactory)
            : new ExecutionResult([], null, new FailedOutcome(FailureDetails.Of(
                state.Version is null or "" && problem!.StartsWith("No orchestrator", StringComparison.Ordinal) ? "OrchestratorNotFound" : typeof(NonDeterministicOrchestrationException).FullName!,
                problem!)));

        var produced = new List<HistoryEvent>();
        foreach (var action in result.NewActions)
        {
            produced.Add(ToEvent(state, action, now, outbox));
        }

        state.CustomStatus = result.CustomStatus ?? state.CustomStatus;
        switch (result.Outcome)
        {
            case CompletedOutcome completed:
                Finish(state, OrchestrationRuntimeStatus.Completed, completed.Output, null, now, produced, outbox);
                break;
            case FailedOutcome failed:
                Finish(state, OrchestrationRuntimeStatus.Failed, null, failed.Failure, now, produced, outbox);
                break;
            case ContinuedAsNewOutcome next:
                var executionId = Guid.NewGuid().ToString("N");
                produced.Add(new ContinueAsNew(next.Input, executionId) { Timestamp = now });
                state.Status = RuntimeStatus.BetweenExecutions;

                // One message starts the next execution and carries what it must receive, so nothing
                // arriving at the boundary is lost or applied twice, even if this process dies after the commit.
                var restart = new ExecutionStarted(state.Name!, executionId, next.Input, state.Parent, Version: next.Version ?? string.Empty) { Timestamp = now };
                outbox.Add(new SendMessage(new TaskMessage(state.InstanceId, executionId, restart, $"{executionId}:start", Carried: [.. next.CarriedEvents.Select(e => e with { MessageId = null })])));
                break;
        }

        produced.Add(new OrchestratorCompleted { Timestamp = now });
        newEvents.AddRange(produced);
        state.History.AddRange(produced);
        return result.OpenDurableWork;
    }

    /// <summary>
    /// Runs a failed execution again from its last good state: its failure and the failures of its
    /// tasks leave the history, the failed activities run again, and failed children are rewound too.
    /// The execution keeps its id, so children and timers still find it.
    /// </summary>
    private static StepResult Rewind(InstanceState state, ExecutionRewound rewound, DateTime now, IOrchestratorSource orchestrators, ILoggerFactory? loggerFactory)
    {
        var failedTasks = state.History.OfType<TaskFailed>().Select(f => f.TaskScheduledId).ToHashSet();
        var failedChildren = state.History.OfType<SubOrchestrationInstanceFailed>().Select(f => f.TaskScheduledId).ToHashSet();
        var kept = state.History.Where(e => e is not (TaskFailed or SubOrchestrationInstanceFailed or ExecutionCompleted)).ToList();

        // The rewritten history starts a new run of rows: the old ones are deleted as stale.
        state.StaleRowKeys.AddRange(Enumerable.Range(0, state.ChunkCount).Select(i => InstanceStore.ChunkRowKey(state.ExecutionId!, i)));
        state.History.Clear();
        state.History.AddRange(kept);
        state.Status = OrchestrationRuntimeStatus.Running;
        state.Failure = null;
        state.Output = null;
        state.LastUpdatedAt = now;

        var outbox = new List<OutboxItem>();
        foreach (var scheduled in kept.OfType<TaskScheduled>().Where(s => failedTasks.Contains(s.EventId)))
        {
            outbox.Add(new RunActivity(state.ExecutionId!, scheduled.EventId, scheduled.Name, scheduled.Input));
        }

        foreach (var child in kept.OfType<SubOrchestrationInstanceCreated>().Where(c => failedChildren.Contains(c.EventId)))
        {
            var again = new ExecutionRewound(rewound.Reason) { Timestamp = now };
            outbox.Add(new SendMessage(new TaskMessage(child.InstanceId, null, again, $"{state.InstanceId}:{state.ExecutionId}:rewind:{now.Ticks}:{child.EventId}")));
        }

        var newEvents = new List<HistoryEvent> { new OrchestratorStarted { Timestamp = now }, rewound };
        state.History.AddRange(newEvents);
        var open = Run(state, now, orchestrators, loggerFactory, newEvents, outbox);

        // The whole rewritten history is committed as the new run's first chunk.
        return new StepResult([.. state.History], outbox, open) { RewritesHistory = true };
    }

    private static HistoryEvent ToEvent(InstanceState state, OrchestratorAction action, DateTime now, List<OutboxItem> outbox)
    {
        var executionId = state.ExecutionId!;
        switch (action)
        {
            case ScheduleTaskAction task:
                outbox.Add(new RunActivity(executionId, task.Id, task.Name, task.Input));
                return new TaskScheduled(task.Name, task.Input) { EventId = task.Id, Timestamp = now };
            case CreateTimerAction timer:
                var fired = new TimerFired(timer.Id, timer.FireAt) { Timestamp = timer.FireAt };
                outbox.Add(new StoreTimer(timer.FireAt, new TaskMessage(state.InstanceId, executionId, fired, $"{executionId}:timer:{timer.Id}")));
                return new TimerCreated(timer.FireAt) { EventId = timer.Id, Timestamp = now };
            case CreateSubOrchestrationAction child:
                var parent = new ParentInstance(state.Name!, state.InstanceId, executionId, child.Id);
                var childExecution = $"{executionId}-{child.Id}";
                var start = new ExecutionStarted(child.Name, childExecution, child.Input, parent, Version: child.Version) { Timestamp = now };
                outbox.Add(new SendMessage(new TaskMessage(child.InstanceId, childExecution, start, $"{childExecution}:start")));
                return new SubOrchestrationInstanceCreated(child.Name, child.InstanceId, child.Input) { EventId = child.Id, Timestamp = now };
            case SendEventAction send:
                var raised = new EventRaised(send.Name, send.Input) { Timestamp = now };
                outbox.Add(new SendMessage(new TaskMessage(send.InstanceId, null, raised, $"{state.InstanceId}:{executionId}:event:{send.Id}")));
                return new EventSent(send.InstanceId, send.Name, send.Input) { EventId = send.Id, Timestamp = now };
            default:
                throw new InvalidOperationException($"Unknown action {action.GetType().Name}.");
        }
    }

    private static void Finish(InstanceState state, OrchestrationRuntimeStatus status, string? output, FailureDetails? failure, DateTime now, List<HistoryEvent> produced, List<OutboxItem> outbox)
    {
        produced.Add(new ExecutionCompleted(status, output, failure) { Timestamp = now });
        state.Status = status;
        state.Output = output;
        state.Failure = failure;
        if (state.Parent is { } parent)
        {
            HistoryEvent report = failure is null
                ? new SubOrchestrationInstanceCompleted(parent.TaskId, output)
                : new SubOrchestrationInstanceFailed(parent.TaskId, failure);
            outbox.Add(new SendMessage(new TaskMessage(parent.InstanceId, parent.ExecutionId, report, $"{state.InstanceId}:{state.ExecutionId}:done")));
        }
    }

    private static void Terminate(InstanceState state, ExecutionTerminated terminated, DateTime now, List<HistoryEvent> newEvents, List<OutboxItem> outbox)
    {
        var produced = new List<HistoryEvent>();
        var reason = PayloadConverter.ToJson(terminated.Reason);
        if (terminated.Recursive)
        {
            foreach (var child in OpenChildren(state))
            {
                var stop = new ExecutionTerminated(terminated.Reason, Recursive: true) { Timestamp = now };
                outbox.Add(new SendMessage(new TaskMessage(child, null, stop, $"{state.InstanceId}:{state.ExecutionId}:terminate:{child}")));
            }
        }

        Finish(state, OrchestrationRuntimeStatus.Terminated, reason, null, now, produced, outbox);
        if (state.Parent is { } parent)
        {
            // A terminated child fails its parent's call rather than leaving it waiting.
            outbox.RemoveAt(outbox.Count - 1);
            var failure = FailureDetails.Of("Terminated", $"Sub-orchestration '{state.InstanceId}' was terminated: {terminated.Reason}");
            outbox.Add(new SendMessage(new TaskMessage(parent.InstanceId, parent.ExecutionId, new SubOrchestrationInstanceFailed(parent.TaskId, failure), $"{state.InstanceId}:{state.ExecutionId}:done")));
        }

        produced.Add(new OrchestratorCompleted { Timestamp = now });
        newEvents.AddRange(produced);
        state.History.AddRange(produced);
    }

    /// <summary>Activities scheduled in this execution whose result is not in history yet.</summary>
    internal static IEnumerable<RunActivity> PendingActivities(InstanceState state)
    {
        var done = state.History.Select(e => e switch { TaskCompleted c => c.TaskScheduledId, TaskFailed f => f.TaskScheduledId, _ => -1 }).ToHashSet();
        return state.History.OfType<TaskScheduled>().Where(s => !done.Contains(s.EventId))
            .Select(s => new RunActivity(state.ExecutionId!, s.EventId, s.Name, s.Input));
    }

    private static IEnumerable<string> OpenChildren(InstanceState state)
    {
        var done = state.History.Select(e => e switch { SubOrchestrationInstanceCompleted c => c.TaskScheduledId, SubOrchestrationInstanceFailed f => f.TaskScheduledId, _ => -1 }).ToHashSet();
        return state.History.OfType<SubOrchestrationInstanceCreated>().Where(c => !done.Contains(c.EventId)).Select(c => c.InstanceId);
    }

    private static bool IsDuplicate(List<HistoryEvent> history, List<HistoryEvent> accepted, HistoryEvent candidate)
    {
        IEnumerable<HistoryEvent> all = history.Concat(accepted);
        return candidate switch
        {
            TaskCompleted or TaskFailed => Completes(all, TaskIdOf(candidate)) || !all.OfType<TaskScheduled>().Any(s => s.EventId == TaskIdOf(candidate)),
            SubOrchestrationInstanceCompleted or SubOrchestrationInstanceFailed => Completes(all, TaskIdOf(candidate)) || !all.OfType<SubOrchestrationInstanceCreated>().Any(s => s.EventId == TaskIdOf(candidate)),
            TimerFired fired => all.OfType<TimerFired>().Any(f => f.TimerId == fired.TimerId) || !all.OfType<TimerCreated>().Any(t => t.EventId == fired.TimerId),
            _ => candidate.MessageId is not null && all.Any(e => e.MessageId == candidate.MessageId),
        };
    }

    private static bool Completes(IEnumerable<HistoryEvent> events, int taskId) => events.Any(e => e is not TaskScheduled and not SubOrchestrationInstanceCreated && TaskIdOf(e) == taskId);

    private static int TaskIdOf(HistoryEvent e) => e switch
    {
        TaskCompleted c => c.TaskScheduledId,
        TaskFailed f => f.TaskScheduledId,
        SubOrchestrationInstanceCompleted c => c.TaskScheduledId,
        SubOrchestrationInstanceFailed f => f.TaskScheduledId,
        _ => int.MinValue,
    };
}
