using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>Events an <see cref="OrderHoldWorkflow"/> waits for.</summary>
public static class HoldEvents
{
    /// <summary>The customer paid (an invoice or a prepayment): re-check, and release when every reason is cured. No payload needed.</summary>
    public const string PaymentReceived = "PaymentReceived";

    /// <summary>Someone decided from the worklist; payload <see cref="HoldDecisionRequest"/>.</summary>
    public const string Decision = "HoldDecision";

    /// <summary>The ERP cancelled the order: the hold ends without a decision.</summary>
    public const string OrderCancelled = "OrderCancelled";
}

/// <summary>A release or rejection asked from the worklist, recorded with the caller.</summary>
/// <param name="Outcome">Approved releases, Rejected rejects (ApprovedLower releases the lower amount).</param>
/// <param name="DecidedBy">Who decided (the signed-in caller).</param>
/// <param name="Role">The role they decide in; the hold refuses roles without authority.</param>
public sealed record HoldDecisionRequest(ApprovalOutcome Outcome, string DecidedBy, CreditRole Role, string Comment);
