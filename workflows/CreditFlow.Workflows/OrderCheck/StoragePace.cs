namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// How long the customers' commits take right now: a moving average of the finished ones, or, while
/// storage answers nothing at all, the time since it last did. The second matters most: a stalled
/// storage shows no finished commit to average, only commits that do not come back.
/// </summary>
public sealed class StoragePace(TimeProvider clock)
{
    // Weight of the newest commit: about the last ten commits count, so the pace follows a change within tens of milliseconds at load.
    private const double Weight = 0.1;

    private readonly Lock _gate = new();
    private double _averageMs;
    private int _outstanding;
    private long _lastProgress;

    /// <summary>Marks a commit begun; returns the timestamp to hand to <see cref="Ended"/>.</summary>
    public long Began()
    {
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            if (_outstanding++ == 0)
            {
                _lastProgress = now;
            }
        }

        return now;
    }

    /// <summary>Marks the commit begun at <paramref name="began"/> finished, well or not.</summary>
    public void Ended(long began)
    {
        var now = clock.GetTimestamp();
        var elapsed = clock.GetElapsedTime(began, now).TotalMilliseconds;
        lock (_gate)
        {
            _outstanding--;
            _lastProgress = now;
            _averageMs += Weight * (elapsed - _averageMs);
        }
    }

    /// <summary>How long a commit begun now can be expected to take.</summary>
    public TimeSpan RoundTrip()
    {
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            var silent = _outstanding > 0 ? clock.GetElapsedTime(_lastProgress, now).TotalMilliseconds : 0;
            return TimeSpan.FromMilliseconds(Math.Max(_averageMs, silent));
        }
    }
}
