namespace CreditFlow.Workflows.OrderCheck;

/// <summary>How often a ledger change that lost the race for the exposure row is decided again, and how long to pause.</summary>
/// <param name="MaxAttempts">Attempts in all; a hot customer under a burst needs many, each costs a read and a write.</param>
/// <param name="FirstPause">Upper bound of the random pause after the first loss; the bound grows with each loss.</param>
/// <param name="MaxPause">Ceiling of the bound.</param>
public sealed record LedgerRetryOptions(int MaxAttempts, TimeSpan FirstPause, TimeSpan MaxPause)
{
    /// <summary>50 attempts, pauses up to 2 ms × attempt, at most 50 ms.</summary>
    public static LedgerRetryOptions Default { get; } = new(50, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(50));
}
