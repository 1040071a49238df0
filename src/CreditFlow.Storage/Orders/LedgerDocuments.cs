using CreditFlow.Domain.OrderCheck;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// ERP documents of one customer read on their own, without the exposure row: what a question about a few documents
/// (how much of an invoice is open) needs, and nothing to commit a change under.
/// </summary>
/// <param name="Records">The ERP rows found, by row key; rows asked for and absent are missing.</param>
public sealed record LedgerDocuments(IReadOnlyDictionary<string, ErpRecord> Records)
{
    /// <summary>The row for <paramref name="kind"/>/<paramref name="id"/>, or null.</summary>
    public T? Find<T>(ErpDocumentKind kind, string id)
        where T : ErpRecord =>
        Records.TryGetValue(OrderCheckRows.DocumentKey(kind, id), out var record) ? record as T : null;
}
