using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>The input of <see cref="OrderHoldWorkflow"/>: what was held, why, and who may decide.</summary>
/// <param name="HoldId">The instance id: <c>hold-{kind}-{document id}</c>.</param>
/// <param name="DocumentId">The order id, or the shipment id for a held shipment.</param>
/// <param name="ShipDate">For a shipment: its date; for an order: the order date.</param>
/// <param name="ApproverRole">The least role whose authority covers the hold (the domain's tier).</param>
/// <param name="AuthorizedRoles">Every role that may release or reject it: the approver's tier and those above.</param>
/// <param name="Facts">What the approver is shown besides the reasons: exposure, limit, remedies.</param>
/// <param name="Callback">How the ERP callback is retried, fixed when the hold starts so replays agree.</param>
public sealed record HoldInput(
    string HoldId,
    ErpDocumentKind Kind,
    string CustomerId,
    string DocumentId,
    string OrderId,
    Money Amount,
    DateOnly ShipDate,
    Money AmountAtStake,
    CreditRole ApproverRole,
    IReadOnlyList<CreditRole> AuthorizedRoles,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    DateTimeOffset HeldAt,
    CallbackRetry Callback)
{
    /// <summary>The hold id of a document.</summary>
    public static string IdFor(ErpDocumentKind kind, string documentId) => $"hold-{kind.ToString().ToLowerInvariant()}-{documentId}";

    /// <summary>The approval sub-instance of the hold.</summary>
    public string ApprovalInstanceId => HoldId + "-approval";

    /// <summary>The customer's name, looked up when the hold's workflow starts (off the webhook's path); null before, or when unknown.</summary>
    public string? CustomerName { get; init; }
}

/// <summary>Retry of the ERP callback: attempts in all, first wait (doubling), longest wait.</summary>
public sealed record CallbackRetry(int MaxAttempts, TimeSpan FirstRetry, TimeSpan MaxRetryInterval);
