using System.Globalization;
using System.Text;
using DurableTask.Core.History;
using CreditFlow.Host.Pages;

namespace CreditFlow.Host.Admin;

/// <summary>The history as a table: one row per event, with what matters of each event type.</summary>
internal static class HistoryTable
{
    public static string Render(IReadOnlyList<HistoryEvent> history)
    {
        if (history.Count == 0)
        {
            return "<p class=\"muted\">No history yet.</p>";
        }

        var start = history.Min(e => e.Timestamp);
        var children = ChildCalls.Of(history);
        var html = new StringBuilder("<table id=\"history\"><thead><tr><th>#</th><th>Time (UTC)</th><th>+ms</th><th>Event type</th><th>Task id</th><th>Details</th></tr></thead><tbody>");
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{i}</td><td>{Html.Time(new DateTimeOffset(e.Timestamp, TimeSpan.Zero))}</td><td>{(e.Timestamp - start).TotalMilliseconds:F0}</td><td>{Html.E(e.EventType.ToString())}</td><td>{(e.EventId >= 0 ? e.EventId.ToString(CultureInfo.InvariantCulture) : "")}</td><td>{DetailsCell(e, children)}</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The details as HTML: a sub-orchestration's child instance is a link to its page.</summary>
    private static string DetailsCell(HistoryEvent e, ChildCalls children)
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
        return child is null ? Html.E(Html.Clip(text)) : $"{Html.InstanceLink(child)} {Html.E(Html.Clip(text))}";
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
