namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary>
/// A reading that scans a table, reused while younger than its age limit and read again when asked for after that: one
/// reading at a time (the requests that wait for it take it), never in the background, so an idle installation costs
/// nothing.
/// </summary>
/// <param name="read">Reads anew.</param>
/// <param name="maxAge">How long a reading is reused (read each time: configuration may change).</param>
/// <param name="clock">The clock the age is taken on.</param>
internal sealed class ReusedReading<T>(Func<CancellationToken, Task<T>> read, Func<TimeSpan> maxAge, TimeProvider clock)
    where T : class
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset At, T Value)? last;

    /// <summary>The latest reading, read again first when it is older than the age limit.</summary>
    public async Task<T> ReadAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } reading)
        {
            return reading;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } meanwhile)
            {
                return meanwhile;
            }

            var at = clock.GetUtcNow();
            var value = await read(cancellationToken);
            last = (at, value);
            return value;
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
