using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;

namespace CreditFlow.Storage.Orders;

/// <summary>An order's row: its answer, its ledger, its status and the release that covers its shipments.</summary>
/// <param name="Amount">The order amount as the ERP sent it; null while the order is unknown.</param>
/// <param name="HoldId">The hold instance, when the order was held.</param>
/// <param name="Release">The release (automatic pass or approver) that covers shipments within tolerance.</param>
public sealed record OrderRecord(
    string Id,
    StoredAnswer? Answer,
    string? ETag,
    OrderLedger Ledger,
    OrderStatus Status,
    Money? Amount,
    string? HoldId,
    OrderRelease? Release)
    : ErpRecord(ErpDocumentKind.Order, Id, Answer, ETag)
{
    /// <summary>An order not seen yet.</summary>
    public static OrderRecord Unknown(string id, Currency currency) =>
        new(id, null, null, OrderLedger.Empty(currency), OrderStatus.Unknown, null, null, null);
}
