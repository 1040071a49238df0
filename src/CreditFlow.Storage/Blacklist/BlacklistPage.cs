namespace CreditFlow.Storage.Blacklist;

/// <summary>One page of the blacklist, newest first.</summary>
/// <param name="Entries">The entries of the page.</param>
/// <param name="Total">How many entries match in all.</param>
public sealed record BlacklistPage(IReadOnlyList<BlacklistEntry> Entries, int Total);
