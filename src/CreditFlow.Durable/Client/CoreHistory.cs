using CreditFlow.Durable.History;
using Core = DurableTask.Core;
using CoreHistoryEvent = DurableTask.Core.History.HistoryEvent;

namespace CreditFlow.Durable.Client;

/// <summary>
/// The engine's history events as the Durable Task Framework's, which the SDK's
/// <c>GetOrchestrationHistoryAsync</c> returns: same event types, ids, timestamps and payloads.
/// </summary>
internal static class CoreHistory
{
    public static CoreHistoryEvent From(HistoryEvent e)
    {
        CoreHistoryEvent core = e switch
        {
            ExecutionStarted s => new Core.History.ExecutionStartedEvent(e.EventId, s.Input)
            {
                Name = s.Name,
                Version = s.Version ?? string.Empty,
                ScheduledStartTime = s.ScheduledStartTime,
                ParentTraceContext = s.Trace is { } trace ? new Core.Tracing.DistributedTraceContext(trace.TraceParent, trace.TraceState) : null,
                ParentInstance = s.Parent is { } parent
                    ? new Core.ParentInstance
                    {
                        Name = parent.Name,
                        TaskScheduleId = parent.TaskId,
                        OrchestrationInstance = new Core.OrchestrationInstance { InstanceId = parent.InstanceId, ExecutionId = parent.ExecutionId },
                    }
                    : null,
            },
            ExecutionCompleted c => new Core.History.ExecutionCompletedEvent(e.EventId, c.Result, (Core.OrchestrationStatus)(int)c.Status, ToCore(c.FailureDetails)),
            ExecutionTerminated t => new Core.History.ExecutionTerminatedEvent(e.EventId, t.Reason),
            ExecutionSuspended s => new Core.History.ExecutionSuspendedEvent(e.EventId, s.Reason),
            ExecutionResumed r => new Core.History.ExecutionResumedEvent(e.EventId, r.Reason),
            ExecutionRewound r => new Core.History.ExecutionRewoundEvent(e.EventId, r.Reason),
            ContinueAsNew c => new Core.History.ContinueAsNewEvent(e.EventId, c.Input),
            TaskScheduled t => new Core.History.TaskScheduledEvent(e.EventId, t.Name, null, t.Input),
            TaskCompleted c => new Core.History.TaskCompletedEvent(e.EventId, c.TaskScheduledId, c.Result),
            TaskFailed f => new Core.History.TaskFailedEvent(e.EventId, f.TaskScheduledId, f.FailureDetails.ErrorMessage, null, ToCore(f.FailureDetails)),
            TimerCreated t => new Core.History.TimerCreatedEvent(e.EventId, t.FireAt),
            TimerFired f => new Core.History.TimerFiredEvent(e.EventId, f.FireAt) { TimerId = f.TimerId },
            EventRaised r => new Core.History.EventRaisedEvent(e.EventId, r.Input) { Name = r.Name },
            EventSent s => new Core.History.EventSentEvent(e.EventId) { InstanceId = s.InstanceId, Name = s.Name, Input = s.Input },
            SubOrchestrationInstanceCreated c => new Core.History.SubOrchestrationInstanceCreatedEvent(e.EventId) { Name = c.Name, InstanceId = c.InstanceId, Input = c.Input },
            SubOrchestrationInstanceCompleted c => new Core.History.SubOrchestrationInstanceCompletedEvent(e.EventId, c.TaskScheduledId, c.Result),
            SubOrchestrationInstanceFailed f => new Core.History.SubOrchestrationInstanceFailedEvent(e.EventId, f.TaskScheduledId, f.FailureDetails.ErrorMessage, null, ToCore(f.FailureDetails)),
            OrchestratorStarted => new Core.History.OrchestratorStartedEvent(e.EventId),
            OrchestratorCompleted => new Core.History.OrchestratorCompletedEvent(e.EventId),
            _ => new Core.History.GenericEvent(e.EventId, e.EventType),
        };
        core.Timestamp = e.Timestamp;
        return core;
    }

    private static Core.FailureDetails? ToCore(FailureDetails? details) =>
        details is null ? null : new Core.FailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToCore(details.InnerFailure), isNonRetriable: false);
}
