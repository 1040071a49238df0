namespace CreditFlow.Storage.Blacklist;

/// <summary>How an entry came off the blacklist: the credit committee's decision.</summary>
/// <param name="Reason">Why.</param>
/// <param name="DecidedBy">Who took it off.</param>
/// <param name="At">When, UTC.</param>
public sealed record BlacklistRemoval(string Reason, string DecidedBy, DateTimeOffset At);
