using CreditFlow.Domain.OrderCheck;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// A shipment, payment or cancellation row: its answer, and for a shipment whether it has been
/// booked on its order (at once when it passed, when its hold ended otherwise).
/// </summary>
public sealed record DocumentRecord(ErpDocumentKind Kind, string Id, StoredAnswer? Answer, string? ETag, bool Applied = false)
    : ErpRecord(Kind, Id, Answer, ETag);
