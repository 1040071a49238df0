namespace CreditFlow.Host.Blacklist;

/// <summary>One page of <c>GET /api/blacklist</c>.</summary>
/// <param name="Entries">The page, newest first.</param>
/// <param name="Total">How many entries match in all.</param>
/// <param name="Skip">Entries skipped before the page.</param>
/// <param name="Take">The page size asked for.</param>
public sealed record BlacklistListView(IReadOnlyList<BlacklistEntryView> Entries, int Total, int Skip, int Take);
