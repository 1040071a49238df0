using System.Globalization;
using DurableTask.Core.History;
using CreditFlow.Host.Pages;

namespace CreditFlow.Host.Admin;

/// <summary>
/// The history laid out as a chart (<see cref="TimelineChart"/> draws it as inline SVG): activities, timers and
/// sub-orchestrations as bars from their scheduling to their completion, other events as markers on the top row.
/// </summary>
internal static class Timeline
{
    // The whole chart aims at the width of the admin page's card (1280px less padding); the bars get what the labels leave.
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

    /// <summary>The chart of <paramref name="history"/> as <see cref="TimelineChart"/> draws it; null when there is nothing to draw.</summary>
    public static TimelineDrawing? Chart(IReadOnlyList<HistoryEvent> history, DateTime now, bool running)
    {
        var (bars, markers) = Collect(history);
        if (bars.Count == 0 && markers.Count == 0)
        {
            return null;
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

        // The last tick's label ends at its line, so it stays inside the chart.
        var ticks = Enumerable.Range(0, 6)
            .Select(i => new TimelineDrawing.Tick(N(labelWidth + chart * i / 5), i == 5 ? "end" : "middle", Offset(span * i / 5)))
            .ToList();

        var markerY = AxisHeight + RowHeight / 2;
        var diamonds = markers.Select(m =>
        {
            var x = X(m.At);
            return new TimelineDrawing.Diamond(
                $"{N(x)},{markerY - 6} {N(x + 6)},{markerY} {N(x)},{markerY + 6} {N(x - 6)},{markerY}",
                m.Color,
                $"{m.Label} at {Html.Time(new DateTimeOffset(m.At, TimeSpan.Zero))} (+{Offset((m.At - start).TotalMilliseconds)})");
        }).ToList();

        var rows = shown.Select((bar, row) =>
        {
            var y = AxisHeight + (row + 1) * RowHeight;
            var x1 = X(bar.Start);
            var x2 = X(bar.End ?? end);
            var tip = $"{bar.Label}: +{Offset((bar.Start - start).TotalMilliseconds)}, {(bar.End is { } e ? $"took {Offset((e - bar.Start).TotalMilliseconds)}" : running ? "not finished yet" : "never finished (the instance ended first)")}{bar.Note}";
            return new TimelineDrawing.Row(
                bar.Label, Html.Clip(bar.Label, MaxLabelChars), bar.Link, (y + 14).ToString(CultureInfo.InvariantCulture),
                bar.Kind, N(x1), (y + 4).ToString(CultureInfo.InvariantCulture), N(Math.Max(x2 - x1, 2)), (RowHeight - 8).ToString(CultureInfo.InvariantCulture),
                Color(bar.Kind), Open: bar.End is null, tip);
        }).ToList();

        return new TimelineDrawing(
            width, height, ticks, (AxisHeight - 6).ToString(CultureInfo.InvariantCulture), (height - 4).ToString(CultureInfo.InvariantCulture),
            (markerY + 4).ToString(CultureInfo.InvariantCulture), diamonds, rows, bars.Count > MaxBars ? bars.Count : null, MaxBars);
    }

    /// <summary>A coordinate as SVG takes it: one decimal, a point whatever the culture.</summary>
    private static string N(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

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
