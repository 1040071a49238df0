namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// How long a commit begun now can be expected to take, from the commits of the last moments: the
/// quickest one that finished lately, or, while storage answers nothing at all, the time since it last
/// did. The quickest, not an average: a backlog draining after a stall finishes many slow commits that
/// say how it was, not how it is; only when every commit is slow is there a standing queue. And only
/// lately: with nothing finished and nothing outstanding there is no queue, whatever the past was —
/// a pace that remembered it would turn every document away, and then never see a commit again.
/// </summary>
public sealed class StoragePace(TimeProvider clock)
{
    /// <summary>How long a finished commit counts: "lately" is one to two of these.</summary>
    private static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private int _outstanding;
    private long _lastProgress;
    private long _momentStarted;
    private double _quickestNowMs = double.PositiveInfinity;
    private double _quickestBeforeMs = double.PositiveInfinity;

    /// <summary>Commits begun and not yet ended.</summary>
    public int CommitsUnderWay
    {
        get
        {
            lock (_gate)
            {
                return _outstanding;
            }
        }
    }

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
            MoveOn(now);
            _quickestNowMs = Math.Min(_quickestNowMs, elapsed);
        }
    }

    /// <summary>How long a commit begun now can be expected to take.</summary>
    public TimeSpan RoundTrip()
    {
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            MoveOn(now);
            var quickest = Math.Min(_quickestNowMs, _quickestBeforeMs);
            var silent = _outstanding > 0 ? clock.GetElapsedTime(_lastProgress, now).TotalMilliseconds : 0;
            return TimeSpan.FromMilliseconds(Math.Max(double.IsPositiveInfinity(quickest) ? 0 : quickest, silent));
        }
    }

    private void MoveOn(long now)
    {
        var since = clock.GetElapsedTime(_momentStarted, now);
        if (since < Moment)
        {
            return;
        }

        _quickestBeforeMs = since < Moment * 2 ? _quickestNowMs : double.PositiveInfinity;
        _quickestNowMs = double.PositiveInfinity;
        _momentStarted = now;
    }
}
