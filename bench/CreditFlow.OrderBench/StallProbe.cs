using System.Diagnostics;

namespace CreditFlow.OrderBench;

/// <summary>
/// Tells where a latency spike came from: a dedicated thread that wakes every millisecond sees the
/// whole process stop (a blocking GC, CPU taken by other processes); a timer loop on the thread pool
/// also sees the pool fall behind. Each gap above 20 ms is kept with its time since the probe started.
/// </summary>
internal sealed class StallProbe : IDisposable
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(20);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(double At, double Ms)> _thread = [];
    private readonly List<(double At, double Ms)> _pool = [];
    private readonly Thread _watcher;
    private readonly Task _poolWatcher;

    public StallProbe()
    {
        _watcher = new Thread(WatchThread) { IsBackground = true, Priority = ThreadPriority.Highest };
        _watcher.Start();
        _poolWatcher = WatchPoolAsync();
    }

    /// <summary>Gaps seen by the dedicated thread: seconds since start, length in ms.</summary>
    public IReadOnlyList<(double At, double Ms)> ProcessStalls => _thread;

    /// <summary>Gaps seen on the thread pool.</summary>
    public IReadOnlyList<(double At, double Ms)> PoolStalls => _pool;

    public void Dispose()
    {
        _stop.Cancel();
        _watcher.Join();
        try
        {
            _poolWatcher.Wait();
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private void WatchThread()
    {
        var last = _clock.Elapsed;
        while (!_stop.IsCancellationRequested)
        {
            Thread.Sleep(1);
            Record(_thread, ref last);
        }
    }

    private async Task WatchPoolAsync()
    {
        var last = _clock.Elapsed;
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(1);
            Record(_pool, ref last);
        }
    }

    private void Record(List<(double At, double Ms)> gaps, ref TimeSpan last)
    {
        var now = _clock.Elapsed;
        if (now - last > Threshold)
        {
            lock (gaps)
            {
                gaps.Add((Math.Round(last.TotalSeconds, 2), Math.Round((now - last).TotalMilliseconds)));
            }
        }

        last = now;
    }
}
