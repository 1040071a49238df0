using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Host.Erp;

/// <summary>A hold as <c>GET /api/holds</c> shows it: kinds, roles and statuses by name, as the filters take them.</summary>
/// <param name="Kind">"Order" or "Shipment".</param>
/// <param name="ApproverRole">The least role whose authority covers the hold, e.g. "CreditManager".</param>
/// <param name="Status">"Open", "Released" or "Rejected".</param>
internal sealed record HoldView(
    string HoldId,
    string CustomerId,
    string Kind,
    string DocumentId,
    string OrderId,
    Money Amount,
    Money AmountAtStake,
    string ApproverRole,
    IReadOnlyList<string> Reasons,
    string Status,
    DateTimeOffset HeldAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? Comment)
{
    public static HoldView From(HoldRecord h) => new(
        h.HoldId, h.CustomerId, h.Kind.ToString(), h.DocumentId, h.OrderId, h.Amount, h.AmountAtStake, h.ApproverRole.ToString(),
        h.Reasons, h.Status.ToString(), h.HeldAt, h.DecidedAt, h.DecidedBy, h.Comment);
}
