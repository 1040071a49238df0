using System.Collections.Concurrent;
using System.Diagnostics;
using CreditFlow.Durable.Tracing;

namespace CreditFlow.Durable.Tests.Tracing;

/// <summary>Listens to the engine's spans (and the test's own) and keeps the stopped ones, to assert on one trace.</summary>
internal sealed class SpanRecorder : IDisposable
{
    private const string TestSourceName = "CreditFlow.Durable.Tests";

    // Compared by name: the source may be created inside the listener's own registration.
    public static readonly ActivitySource Test = new(TestSourceName);
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is DurableTelemetry.Name or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The stopped spans of <paramref name="trace"/> (other tests run alongside).</summary>
    public IReadOnlyList<Activity> Of(ActivityTraceId trace) => [.. _stopped.Where(a => a.TraceId == trace)];

    /// <summary>Waits (bounded, real time) until the spans of <paramref name="trace"/> satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<Activity>> UntilAsync(ActivityTraceId trace, Func<IReadOnlyList<Activity>, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!done(Of(trace)))
        {
            await Task.Delay(20, timeout.Token);
        }

        return Of(trace);
    }

    public void Dispose() => _listener.Dispose();
}
