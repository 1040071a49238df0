using CreditFlow.Domain.OrderCheck;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// A row of the customer's ledger keyed by an ERP document id, in the customer's partition of the
/// credit table. Read with its ETag; written back under it (or added when <see cref="ETag"/> is null).
/// </summary>
/// <param name="Answer">The answer given to the document; null while the row only holds facts that
/// arrived before the document itself (e.g. a shipment of an order not seen yet).</param>
public abstract record ErpRecord(ErpDocumentKind Kind, string Id, StoredAnswer? Answer, string? ETag)
{
    /// <summary>The row key: <c>erp|{kind}|{id}</c>.</summary>
    public string RowKey => OrderCheckRows.DocumentKey(Kind, Id);

    /// <summary>What a later step needs of the document, as JSON (e.g. the hold a held order started).</summary>
    public string? DetailJson { get; init; }

    /// <summary>What the check saw and decided, kept so the decision can be replayed under a draft policy.</summary>
    public CheckedFacts? Checked { get; init; }
}

/// <summary>What a check saw and decided on <paramref name="Day"/>, as JSON (the workflows' shape; storage only keeps it).</summary>
public sealed record CheckedFacts(DateOnly Day, string Json);
