namespace CreditFlow.Storage.Orders;

/// <summary>What a decision on a customer's ledger returns: the change to commit (null: nothing) and the caller's result.</summary>
public sealed record LedgerOutcome<T>(LedgerChange? Change, T Result);
