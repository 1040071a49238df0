using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Storage.Orders;

/// <summary>One held order or shipment on the worklist.</summary>
/// <param name="HoldId">The hold instance's id.</param>
/// <param name="Kind">Order or shipment.</param>
/// <param name="DocumentId">The held order's or shipment's id.</param>
/// <param name="Amount">The order or shipment amount.</param>
/// <param name="AmountAtStake">Exposure plus the credit part: what a release grants.</param>
/// <param name="ApproverRole">The least role whose authority covers the hold.</param>
/// <param name="Reasons">Every reason, one sentence each.</param>
/// <param name="DecidedBy">Who released or rejected it ("system" for a cure).</param>
public sealed record HoldRecord(
    string HoldId,
    string CustomerId,
    ErpDocumentKind Kind,
    string DocumentId,
    string OrderId,
    Money Amount,
    Money AmountAtStake,
    CreditRole ApproverRole,
    IReadOnlyList<string> Reasons,
    HoldStatus Status,
    DateTimeOffset HeldAt,
    DateTimeOffset? DecidedAt = null,
    string? DecidedBy = null,
    string? Comment = null)
{
    /// <summary>The customer's name when known when the hold started (older rows: null, show the id).</summary>
    public string? CustomerName { get; init; }

    /// <summary>What the approver sees beside the reasons: the limit, the exposure's parts, the amount at stake, the remedies.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; } = [];

    /// <summary>
    /// Every role that may release or reject it, fixed when it was held by the authority matrix then in force — the
    /// roles its workflow accepts (older rows: empty, the matrix in force answers).
    /// </summary>
    public IReadOnlyList<CreditRole> AuthorizedRoles { get; init; } = [];
}
