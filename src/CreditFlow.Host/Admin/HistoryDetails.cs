using DurableTask.Core.History;
using CreditFlow.Host.Pages;

namespace CreditFlow.Host.Admin;

/// <summary>What matters of each event type, for the history table (<see cref="HistoryTable"/>).</summary>
internal static class HistoryDetails
{
    /// <summary>The details of <paramref name="e"/>, clipped, and the child instance it concerns if any (linked to its page).</summary>
    public static (string? Child, string Text) Of(HistoryEvent e, ChildCalls children)
    {
        var (child, text) = e switch
        {
            SubOrchestrationInstanceCreatedEvent s => (s.InstanceId, (children.EndedByParent(s.EventId) is { } closer ? $"{s.Name}, ended by the parent ({closer}) " : $"{s.Name} ") + $"input={s.Input}"),
            SubOrchestrationInstanceCompletedEvent c => (children.InstanceId(c.TaskScheduledId), $"task {c.TaskScheduledId} result={c.Result}"),
            SubOrchestrationInstanceFailedEvent f when children.EndedByParent(f.TaskScheduledId) is { } closer =>
                (children.InstanceId(f.TaskScheduledId), $"task {f.TaskScheduledId} ended by the parent ({closer}), not a failure: {f.FailureDetails?.ErrorMessage ?? f.Reason}"),
            SubOrchestrationInstanceFailedEvent f => (children.InstanceId(f.TaskScheduledId), $"task {f.TaskScheduledId} {f.FailureDetails?.ErrorType}: {f.FailureDetails?.ErrorMessage ?? f.Reason}"),
            _ => (null, Details(e)),
        };
        return (child, Html.Clip(text));
    }

    private static string Details(HistoryEvent e) => e switch
    {
        ExecutionStartedEvent s => $"{s.Name}{Version(s.Version)} input={s.Input}" + (s.ParentInstance is { } p ? $" parent={p.OrchestrationInstance?.InstanceId}" : ""),
        ContinueAsNewEvent c => $"input={c.Result}",
        ExecutionCompletedEvent c => $"{c.OrchestrationStatus} result={c.Result}" + (c.FailureDetails is { } f ? $" {f.ErrorType}: {f.ErrorMessage}" : ""),
        ExecutionTerminatedEvent t => $"reason={t.Input}",
        ExecutionSuspendedEvent s => $"reason={s.Reason}",
        ExecutionResumedEvent r => $"reason={r.Reason}",
        ExecutionRewoundEvent r => $"reason={r.Reason}",
        TaskScheduledEvent t => $"{t.Name} input={t.Input}",
        TaskCompletedEvent c => $"task {c.TaskScheduledId} result={c.Result}",
        TaskFailedEvent f => $"task {f.TaskScheduledId} {f.FailureDetails?.ErrorType}: {f.FailureDetails?.ErrorMessage ?? f.Reason}",
        TimerCreatedEvent t => $"fires at {Html.Time(new DateTimeOffset(t.FireAt, TimeSpan.Zero))}",
        TimerFiredEvent f => $"timer {f.TimerId}",
        EventRaisedEvent r => $"{r.Name} payload={r.Input}",
        EventSentEvent s => $"{s.Name} to {s.InstanceId} payload={s.Input}",
        _ => "",
    };

    private static string Version(string? version) => string.IsNullOrEmpty(version) ? string.Empty : $" (version {version})";
}
