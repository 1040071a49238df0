using System.Globalization;
using System.Text;
using CreditFlow.Durable.History;
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
        var html = new StringBuilder("<table id=\"history\"><thead><tr><th>#</th><th>Time (UTC)</th><th>+ms</th><th>Event type</th><th>Task id</th><th>Details</th></tr></thead><tbody>");
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{i}</td><td>{Html.Time(new DateTimeOffset(e.Timestamp, TimeSpan.Zero))}</td><td>{(e.Timestamp - start).TotalMilliseconds:F0}</td><td>{Html.E(e.EventType)}</td><td>{(e.EventId >= 0 ? e.EventId.ToString(CultureInfo.InvariantCulture) : "")}</td><td>{Html.E(Html.Clip(Details(e)))}</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static string Details(HistoryEvent e) => e switch
    {
        ExecutionStarted s => $"{s.Name} input={s.Input}" + (s.Parent is { } p ? $" parent={p.InstanceId}" : ""),
        ExecutionCompleted c => $"{c.Status} result={c.Result}" + (c.FailureDetails is { } f ? $" {f.ErrorType}: {f.ErrorMessage}" : ""),
        ExecutionTerminated t => $"reason={t.Reason}{(t.Recursive ? " (recursive)" : "")}",
        ExecutionSuspended s => $"reason={s.Reason}",
        ExecutionResumed r => $"reason={r.Reason}",
        ContinueAsNew c => $"input={c.Input}",
        TaskScheduled t => $"{t.Name} input={t.Input}",
        TaskCompleted c => $"task {c.TaskScheduledId} result={c.Result}",
        TaskFailed f => $"task {f.TaskScheduledId} {f.FailureDetails.ErrorType}: {f.FailureDetails.ErrorMessage}",
        TimerCreated t => $"fires at {Html.Time(new DateTimeOffset(t.FireAt, TimeSpan.Zero))}",
        TimerFired f => $"timer {f.TimerId}",
        EventRaised r => $"{r.Name} payload={r.Input}",
        EventSent s => $"{s.Name} to {s.InstanceId} payload={s.Input}",
        SubOrchestrationInstanceCreated s => $"{s.Name} id={s.InstanceId} input={s.Input}",
        SubOrchestrationInstanceCompleted c => $"task {c.TaskScheduledId} result={c.Result}",
        SubOrchestrationInstanceFailed f => $"task {f.TaskScheduledId} {f.FailureDetails.ErrorType}: {f.FailureDetails.ErrorMessage}",
        _ => "",
    };
}
