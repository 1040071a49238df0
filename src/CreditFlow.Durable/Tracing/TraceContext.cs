using System.Diagnostics;

namespace CreditFlow.Durable.Tracing;

/// <summary>
/// The W3C trace context (<c>traceparent</c>, <c>tracestate</c>) of the span that caused a durable
/// message, carried inside the message so that the trace goes on wherever and whenever it is processed:
/// in another process, after a restart, days later.
/// </summary>
/// <param name="TraceParent">The W3C <c>traceparent</c>: <c>00-{trace id}-{span id}-{flags}</c>.</param>
/// <param name="TraceState">The W3C <c>tracestate</c>, when the span had one.</param>
internal sealed record TraceContext(string TraceParent, string? TraceState = null)
{
    /// <summary>The context of <paramref name="span"/>; null without a span (tracing off) or for a non-W3C id.</summary>
    public static TraceContext? Of(Activity? span)
    {
        if (span is not { IdFormat: ActivityIdFormat.W3C })
        {
            return null;
        }

        var flags = (span.ActivityTraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00";
        return new TraceContext($"00-{span.TraceId.ToHexString()}-{span.SpanId.ToHexString()}-{flags}", span.TraceStateString);
    }

    /// <summary>The context as a remote parent; null when <see cref="TraceParent"/> is not a valid traceparent.</summary>
    public ActivityContext? ToParent() =>
        ActivityContext.TryParse(TraceParent, TraceState, isRemote: true, out var context) ? context : null;
}
