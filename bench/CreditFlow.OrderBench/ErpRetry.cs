using System.Net.Http.Headers;

namespace CreditFlow.OrderBench;

/// <summary>
/// How the ERP stand-in answers a 503: it waits what the host asked (Retry-After, 1 s when absent) plus up
/// to 20% so that orders shed together do not all come back in the same millisecond, and gives up after
/// ten attempts.
/// </summary>
internal static class ErpRetry
{
    public const int MaxAttempts = 10;

    private const double MaxJitter = 0.2;

    private static readonly TimeSpan Missing = TimeSpan.FromSeconds(1);

    /// <summary>The wait before the next attempt, from a 503's <c>Retry-After</c> (seconds, or a date).</summary>
    public static TimeSpan Delay(RetryConditionHeaderValue? retryAfter)
    {
        var asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : Missing);
        if (asked < TimeSpan.Zero)
        {
            asked = TimeSpan.Zero;
        }

        return asked * (1 + (Random.Shared.NextDouble() * MaxJitter));
    }
}
