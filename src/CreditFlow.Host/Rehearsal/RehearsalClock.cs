using CreditFlow.Storage.Rehearsal;

namespace CreditFlow.Host.Rehearsal;

/// <summary>
/// CreditFlow's clock during a rehearsal: the real time moved ahead by an offset an admin advances, so a credit
/// manager can watch a 180-day dunning ladder play out in minutes. Everything that reads business time
/// (workflow timers, due dates, task deadlines) reads it here; measured durations (timestamps, delays) stay real.
/// </summary>
public sealed class RehearsalClock : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly RehearsalOffsetStore _store;
    private readonly SemaphoreSlim _advancing = new(1, 1);
    private long _offsetTicks;

    /// <summary>Starts at the offset stored by an earlier run (blocking read: once, at start-up).</summary>
    public RehearsalClock(TimeProvider real, RehearsalOffsetStore store)
    {
        _real = real;
        _store = store;
        _offsetTicks = store.Read().Ticks;
    }

    /// <summary>The real time, for what must not move with a rehearsal (the ERP's signature window).</summary>
    public DateTimeOffset RealNow => _real.GetUtcNow();

    /// <summary>
    /// The real time behind <paramref name="clock"/>: partners (the ERP, data providers, agencies) sign with it, so a
    /// rehearsal's moved business clock must not put their messages, or ours to them, out of the signature window.
    /// </summary>
    public static DateTimeOffset RealTimeOf(TimeProvider clock) => RealClockOf(clock).GetUtcNow();

    /// <summary>
    /// The real clock behind <paramref name="clock"/>, for what lasts a span of people's own time: a signed-in session
    /// must not end because a rehearsal moved business time a month ahead.
    /// </summary>
    public static TimeProvider RealClockOf(TimeProvider clock) =>
        clock is RehearsalClock rehearsal ? rehearsal._real : clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>How far ahead of the real time business time is.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _real.GetUtcNow() + Offset;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => _real.TimestampFrequency;

    /// <inheritdoc />
    public override long GetTimestamp() => _real.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => _real.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves business time <paramref name="days"/> ahead, stored before it takes effect; returns the new business time.</summary>
    public async Task<DateTimeOffset> AdvanceAsync(int days, CancellationToken cancellationToken)
    {
        await _advancing.WaitAsync(cancellationToken);
        try
        {
            var next = Offset + TimeSpan.FromDays(days);
            await _store.SaveAsync(next, cancellationToken);
            Interlocked.Exchange(ref _offsetTicks, next.Ticks);
            return GetUtcNow();
        }
        finally
        {
            _advancing.Release();
        }
    }
}
