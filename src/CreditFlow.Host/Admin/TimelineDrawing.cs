namespace CreditFlow.Host.Admin;

/// <summary>
/// An instance's timeline laid out by <see cref="Timeline"/>, every coordinate ready for SVG (invariant, one decimal);
/// <see cref="TimelineChart"/> draws it.
/// </summary>
/// <param name="Width">Drawn at its own size (shrunk, never cut, on a narrower screen): a viewBox stretched to 100% would scale the text with the window.</param>
/// <param name="MoreBars">How many bars there were when more than <paramref name="MaxBars"/>; null when all are shown.</param>
public sealed record TimelineDrawing(
    int Width,
    int Height,
    IReadOnlyList<TimelineDrawing.Tick> Ticks,
    string TickTop,
    string TickBottom,
    string EventsY,
    IReadOnlyList<TimelineDrawing.Diamond> Markers,
    IReadOnlyList<TimelineDrawing.Row> Rows,
    int? MoreBars,
    int MaxBars)
{
    /// <summary>A time axis line and its label (the offset from the start).</summary>
    public sealed record Tick(string X, string Anchor, string Label);

    /// <summary>An event on the top row: a diamond, its colour and its tooltip.</summary>
    public sealed record Diamond(string Points, string Color, string Title);

    /// <summary>A bar with its label on the left; the label links to a sub-orchestration's page.</summary>
    public sealed record Row(
        string Label,
        string ShortLabel,
        string? Link,
        string LabelY,
        string Kind,
        string X,
        string Y,
        string BarWidth,
        string BarHeight,
        string Color,
        bool Open,
        string Title);
}
