namespace CreditFlow.Storage.Blacklist;

/// <summary>
/// An import failed part-way and taking back what it wrote failed too (storage went away): some of its entries may be
/// on the list. <see cref="BlacklistStore.UndoImportAsync"/> with <see cref="ImportId"/> takes them off.
/// </summary>
public sealed class BlacklistImportIncompleteException(string importId, int written, Exception innerException)
    : Exception($"Blacklist import '{importId}' failed after writing {written} entries, and taking them off again failed too; call UndoImportAsync(\"{importId}\") to take them off.", innerException)
{
    /// <summary>The import whose entries may be left on the list.</summary>
    public string ImportId { get; } = importId;
}
