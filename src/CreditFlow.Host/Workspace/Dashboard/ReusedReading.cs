namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary>
/// A reading that scans a table, reused while younger than its age limit and read again when asked for after that: one
/// reading at a time (the requests that wait for it take it), never on a timer, so an idle installation costs nothing.
/// </summary>
/// <remarks>
/// With <c>refreshBehind</c>, a request that finds the reading too old takes it as it is and has it read again behind
/// it, so only the first request after a start waits: for a figure a page shows beside others, where a minute's delay
/// matters less than the page's own time.
/// </remarks>
/// <param name="read">Reads anew.</param>
/// <param name="maxAge">How long a reading is reused (read each time: configuration may change).</param>
/// <param name="clock">The clock the age is taken on.</param>
/// <param name="refreshBehind">Null to read anew within the request; otherwise what to do with a failure of a reading behind one (the old reading stays).</param>
internal sealed class ReusedReading<T>(Func<CancellationToken, Task<T>> read, Func<TimeSpan> maxAge, TimeProvider clock, Action<Exception>? refreshBehind = null)
    where T : class
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset At, T Value)? last;

    /// <summary>The latest reading, read again first (or behind, see the remarks) when it is older than the age limit.</summary>
    public async Task<T> ReadAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } reading)
        {
            return reading;
        }

        if (refreshBehind is not null && last is { } old)
        {
            _ = ReadBehindAsync();
            return old.Value;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return Fresh() ?? await ReadNowAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<T> ReadNowAsync(CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var value = await read(cancellationToken);
        last = (at, value);
        return value;
    }

    private async Task ReadBehindAsync()
    {
        // One at a time: a reading already under way behind another request serves this one too.
        if (!await gate.WaitAsync(TimeSpan.Zero))
        {
            return;
        }

        try
        {
            if (Fresh() is null)
            {
                await ReadNowAsync(CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            refreshBehind!(e);
        }
        finally
        {
            gate.Release();
        }
    }

    private T? Fresh()
    {
        // A clock moved back (a rehearsal started again) makes a reading from its future stale too.
        var age = clock.GetUtcNow() - last?.At;
        return age >= TimeSpan.Zero && age < maxAge() ? last!.Value.Value : null;
    }
}
