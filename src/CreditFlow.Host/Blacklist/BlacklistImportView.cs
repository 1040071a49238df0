namespace CreditFlow.Host.Blacklist;

/// <summary>The answer to <c>POST /api/blacklist/import</c>.</summary>
/// <param name="ImportId">Carried by every entry the import added.</param>
/// <param name="Added">Registration numbers put on the list.</param>
/// <param name="AlreadyListed">Registration numbers on the list before, left as they were.</param>
/// <param name="CustomersBlacklisted">Our customers among them, blacklisted with their groups flagged.</param>
public sealed record BlacklistImportView(string ImportId, IReadOnlyList<string> Added, IReadOnlyList<string> AlreadyListed, IReadOnlyList<string> CustomersBlacklisted);
