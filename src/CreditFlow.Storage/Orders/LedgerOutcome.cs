namespace CreditFlow.Storage.Orders;

/// <summary>What a decision on a customer's ledger returns: the change to commit (null: nothing) and the caller's result.</summary>
public sealed record LedgerOutcome<T>(LedgerChange? Change, T Result)
{
    /// <summary>
    /// What must be on record before the change may be seen (e.g. the hold a held order starts),
    /// run just before the commit; null for nothing. It may run for an attempt that then loses its race.
    /// </summary>
    public Func<CancellationToken, Task>? Prepare { get; init; }
}
