namespace CreditFlow.Durable;

/// <summary>Options for an activity or sub-orchestration call.</summary>
/// <param name="Retry">Retries on failure, waiting on durable timers; null for no retry.</param>
public record TaskOptions(RetryPolicy? Retry = null)
{
    /// <summary>Options with a retry policy.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>Options for a sub-orchestration call.</summary>
/// <param name="InstanceId">The child's instance id; null for a deterministic id derived from the parent.</param>
/// <param name="Retry">Retries on failure.</param>
public sealed record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null) : TaskOptions(Retry);

/// <summary>How a failed call is retried. The waits are durable timers, so they survive restarts.</summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxNumberOfAttempts">Attempts in all, including the first; at least 1.</param>
    /// <param name="firstRetryInterval">Wait before the second attempt; positive.</param>
    /// <param name="backoffCoefficient">Each wait is the previous one times this; at least 1.</param>
    /// <param name="maxRetryInterval">Ceiling of a single wait; null for none.</param>
    /// <param name="retryTimeout">No retry starts later than this after the first attempt; null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval;
        RetryTimeout = retryTimeout;
    }

    /// <summary>Attempts in all, including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Wait before the second attempt.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Growth factor of the waits.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Ceiling of a single wait.</summary>
    public TimeSpan? MaxRetryInterval { get; }

    /// <summary>No retry starts later than this after the first attempt.</summary>
    public TimeSpan? RetryTimeout { get; }

    /// <summary>Decides whether a failure is retried at all; by default every failure is.</summary>
    public Func<TaskFailedException, bool> Handle { get; init; } = static _ => true;

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 for the first retry).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var delay = FirstRetryInterval * Math.Pow(BackoffCoefficient, attempt - 2);
        return MaxRetryInterval is { } max && delay > max ? max : delay;
    }
}
