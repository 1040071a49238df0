using System.Globalization;
using System.Text;
using DurableTask.Core.History;
using CreditFlow.Host.Pages;

namespace CreditFlow.Host.Admin;

/// <summary>
/// The history as an inline SVG chart: activities, timers and sub-orchestrations as bars from
/// their scheduling to their completion, other events as markers on the top row.
/// </summary>
internal static class Timeline
{
    // The whole chart aims at the admin page's content width (1200px less padding); the bars get what the labels leave.
    private const int TargetWidth = 1160, MinChartWidth = 480, RightMargin = 48, AxisHeight = 26, RowHeight = 20, MaxBars = 300, MaxLabelChars = 90;

    // Generous for 11px sans-serif (DejaVu Sans, the widest common fallback, averages about 6.3px):
    // a label column too wide wastes a little space, one too narrow cuts names off.
    private const double CharWidth = 6.9;

    private sealed class Bar(string label, string kind, DateTime start)
    {
        public string Label { get; } = label;
        public string? Link { get; init; }
        public string Kind { get; set; } = kind;
        public DateTime Start { get; } = start;
        public DateTime? End { get; set; }
        public string Note { get; set; } = "";
    }

    private sealed record Marker(DateTime At, string Label, string Color);

    public static string Svg(IReadOnlyList<HistoryEvent> history, DateTime now, bool running)
    {
        var (bars, markers) = Collect(history);
        if (bars.Count == 0 && markers.Count == 0)
        {
            return "<p class=\"muted\">No history yet.</p>";
        }

        var start = history.Min(e => e.Timestamp);
        var end = history.Max(e => e.Timestamp);
        end = bars.Where(b => b.End is not null).Select(b => b.End!.Value).Append(end).Max();
        if (running && now > end)
        {
            end = now;
        }

        var span = Math.Max((end - start).TotalMilliseconds, 1);
        var shown = bars.Take(MaxBars).ToList();
        var height = AxisHeight + (shown.Count + 1) * RowHeight + 8;
        var labelChars = shown.Select(b => Math.Min(b.Label.Length, MaxLabelChars)).Append("events".Length).Max();
        var labelWidth = Math.Max(120, (int)Math.Ceiling(12 + labelChars * CharWidth));
        var chartWidth = Math.Max(MinChartWidth, TargetWidth - labelWidth - RightMargin);
        var width = labelWidth + chartWidth + RightMargin;
        double chart = chartWidth;
        double X(DateTime t) => labelWidth + (t - start).TotalMilliseconds / span * chart;

        // Drawn at its own size (shrunk, never cut, on a narrower screen): a viewBox stretched to 100% would scale the text with the window.
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-size=\"11\" font-family=\"system-ui,sans-serif\" style=\"display:block;max-width:100%;height:auto;background:#fff;border:1px solid #dde1e7\">");
        for (var i = 0; i <= 5; i++)
        {
            var x = labelWidth + chart * i / 5;

            // The last tick's label ends at its line, so it stays inside the chart.
            var anchor = i == 5 ? "end" : "middle";
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:F1}\" y1=\"{AxisHeight - 6}\" x2=\"{x:F1}\" y2=\"{height - 4}\" stroke=\"#e4e7ec\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{x:F1}\" y=\"14\" text-anchor=\"{anchor}\" fill=\"#6b7380\">+{Offset(span * i / 5)}</text>");
        }

        var markerY = AxisHeight + RowHeight / 2;
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"6\" y=\"{markerY + 4}\" fill=\"#1d2330\">events</text>");
        foreach (var m in markers)
        {
            var x = X(m.At);
            svg.Append(CultureInfo.InvariantCulture, $"<polygon points=\"{x:F1},{markerY - 6} {x + 6:F1},{markerY} {x:F1},{markerY + 6} {x - 6:F1},{markerY}\" fill=\"{m.Color}\"><title>{Html.E(m.Label)} at {Html.Time(new DateTimeOffset(m.At, TimeSpan.Zero))} (+{Offset((m.At - start).TotalMilliseconds)})</title></polygon>");
        }

        for (var row = 0; row < shown.Count; row++)
        {
            var bar = shown[row];
            var y = AxisHeight + (row + 1) * RowHeight;
            var x1 = X(bar.Start);
            var x2 = X(bar.End ?? end);
            var tip = $"{bar.Label}: +{Offset((bar.Start - start).TotalMilliseconds)}, {(bar.End is { } e ? $"took {Offset((e - bar.Start).TotalMilliseconds)}" : running ? "not finished yet" : "never finished (the instance ended first)")}{bar.Note}";
            var open = bar.End is null ? " fill-opacity=\"0.35\" stroke-dasharray=\"4 2\"" : "";
            var label = $"<text class=\"label\" x=\"6\" y=\"{y + 14}\" fill=\"{(bar.Link is null ? "#1d2330" : "#1f5fbf")}\"{(bar.Link is null ? "" : " text-decoration=\"underline\"")}><title>{Html.E(bar.Label)}</title>{Html.E(Html.Clip(bar.Label, MaxLabelChars))}</text>";
            svg.Append(bar.Link is null ? label : $"<a href=\"{Html.E(bar.Link)}\">{label}</a>")
                .Append(CultureInfo.InvariantCulture, $"<rect class=\"bar {bar.Kind}\" x=\"{x1:F1}\" y=\"{y + 4}\" width=\"{Math.Max(x2 - x1, 2):F1}\" height=\"{RowHeight - 8}\" rx=\"2\" fill=\"{Color(bar.Kind)}\" stroke=\"{Color(bar.Kind)}\"{open}><title>{Html.E(tip)}</title></rect>");
        }

        svg.Append("</svg>");
        if (bars.Count > MaxBars)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Showing the first {MaxBars} of {bars.Count} bars.</p>");
        }

        return svg.Append("<p class=\"muted\">Bars: <span style=\"color:#4c8bf5\">■</span> activity <span style=\"color:#e05252\">■</span> failed <span style=\"color:#f0a030\">■</span> timer <span style=\"color:#9a5fd6\">■</span> sub-orchestration <span style=\"color:#8a94a6\">■</span> ended by the parent; faded and dashed: not finished. ◆ events. Hover for details.</p>").ToString();
    }

    private static (List<Bar> Bars, List<Marker> Markers) Collect(IReadOnlyList<HistoryEvent> history)
    {
        var children = ChildCalls.Of(history);
        var bars = new List<Bar>();
        var open = new Dictionary<int, Bar>();
        var markers = new List<Marker>();
        void Close(int id, DateTime at, string? kind, string note = "")
        {
            if (open.Remove(id, out var bar))
            {
                bar.End = at;
                bar.Kind = kind ?? bar.Kind;
                bar.Note = note;
            }
        }

        void Open(HistoryEvent e, string label, string kind, string note = "", string? link = null)
        {
            var bar = new Bar(label, kind, e.Timestamp) { Note = note, Link = link };
            bars.Add(bar);
            open[e.EventId] = bar;
        }

        foreach (var e in history)
        {
            switch (e)
            {
                case TaskScheduledEvent t: Open(t, $"#{t.EventId} {t.Name}", "activity"); break;
                case TaskCompletedEvent c: Close(c.TaskScheduledId, c.Timestamp, null); break;
                case TaskFailedEvent f: Close(f.TaskScheduledId, f.Timestamp, "failed", $"; failed: {f.FailureDetails?.ErrorMessage ?? f.Reason}"); break;
                case TimerCreatedEvent t: Open(t, $"#{t.EventId} timer", "timer", $"; due {Html.Time(new DateTimeOffset(t.FireAt, TimeSpan.Zero))}"); break;
                case TimerFiredEvent f: Close(f.TimerId, f.Timestamp, null); break;
                case SubOrchestrationInstanceCreatedEvent s: Open(s, $"#{s.EventId} {s.Name} ({s.InstanceId})", "suborchestration", link: $"/admin/instances/{Html.U(s.InstanceId)}"); break;
                case SubOrchestrationInstanceCompletedEvent c: Close(c.TaskScheduledId, c.Timestamp, null); break;
                case SubOrchestrationInstanceFailedEvent f when children.EndedByParent(f.TaskScheduledId) is { } closer:
                    Close(f.TaskScheduledId, f.Timestamp, "ended", $"; ended by the parent ({closer}): {f.FailureDetails?.ErrorMessage ?? f.Reason}");
                    break;
                case SubOrchestrationInstanceFailedEvent f: Close(f.TaskScheduledId, f.Timestamp, "failed", $"; failed: {f.FailureDetails?.ErrorMessage ?? f.Reason}"); break;
                case EventRaisedEvent r: markers.Add(new Marker(r.Timestamp, $"event {r.Name}", "#2a9d8f")); break;
                case EventSentEvent s: markers.Add(new Marker(s.Timestamp, $"sent {s.Name} to {s.InstanceId}", "#2a9d8f")); break;
                case ExecutionStartedEvent s: markers.Add(new Marker(s.Timestamp, "started", "#1d2330")); break;
                case ContinueAsNewEvent: markers.Add(new Marker(e.Timestamp, "continued as new", "#1d2330")); break;
                case ExecutionCompletedEvent c: markers.Add(new Marker(c.Timestamp, c.OrchestrationStatus.ToString(), c.FailureDetails is null ? "#2e7d32" : "#c62828")); break;
                case ExecutionTerminatedEvent t: markers.Add(new Marker(t.Timestamp, $"terminate requested: {t.Input}", "#c62828")); break;
                case ExecutionSuspendedEvent s: markers.Add(new Marker(s.Timestamp, "suspended", "#9a5fd6")); break;
                case ExecutionResumedEvent r: markers.Add(new Marker(r.Timestamp, "resumed", "#9a5fd6")); break;
                case ExecutionRewoundEvent r: markers.Add(new Marker(r.Timestamp, $"rewound: {r.Reason}", "#9a5fd6")); break;
                default: break; // OrchestratorStarted/Completed mark replay steps: noise on a chart.
            }
        }

        // A child the parent ended whose end never reached the parent's history: ended when the parent's activity did its work.
        foreach (var (taskId, bar) in open)
        {
            if (bar.Kind == "suborchestration" && children.EndedByParent(taskId) is { } closer)
            {
                bar.Kind = "ended";
                bar.End = children.ClosedAt(taskId);
                bar.Note = $"; ended by the parent ({closer})";
            }
        }

        return (bars, markers);
    }

    private static string Color(string kind) => kind switch
    {
        "activity" => "#4c8bf5",
        "failed" => "#e05252",
        "timer" => "#f0a030",
        "ended" => "#8a94a6",
        _ => "#9a5fd6",
    };

    private static string Offset(double milliseconds) => milliseconds switch
    {
        < 2000 => $"{milliseconds:F0} ms",
        < 120_000 => $"{milliseconds / 1000:F1} s",
        < 7_200_000 => $"{milliseconds / 60_000:F1} min",
        _ => $"{milliseconds / 3_600_000:F1} h",
    };
}
