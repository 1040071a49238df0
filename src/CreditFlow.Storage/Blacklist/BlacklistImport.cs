namespace CreditFlow.Storage.Blacklist;

/// <summary>What <see cref="BlacklistStore.ImportAsync"/> came to: every entry either added now or on the list before.</summary>
/// <param name="ImportId">The id the added entries carry.</param>
/// <param name="Added">The entries this import put on the list.</param>
/// <param name="AlreadyListed">The entries on the list before (as stored); left as they were.</param>
public sealed record BlacklistImport(string ImportId, IReadOnlyList<BlacklistEntry> Added, IReadOnlyList<BlacklistEntry> AlreadyListed);
