using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.OrderCheck;

/// <summary>Whether the ERP may ship.</summary>
public enum OrderOutcome
{
    /// <summary>Clean: released automatically.</summary>
    Pass,

    /// <summary>Held until an approver releases it (or a remedy clears every reason).</summary>
    Hold,
}

/// <summary>The result of an order or shipment check.</summary>
/// <param name="OrderId">The order checked.</param>
/// <param name="Outcome">Pass or hold.</param>
/// <param name="Reasons">Every reason for a hold, empty on pass.</param>
/// <param name="AmountAtStake">Exposure plus the order's credit part: the credit an approver would be granting.</param>
/// <param name="Approver">The tier whose authority covers the hold; <c>null</c> on pass.</param>
/// <param name="ApprovalSteps">The ordered approvals needed (several in a cumulative matrix); empty on pass.</param>
/// <param name="Remedies">Ways to make the order pass; empty on pass.</param>
/// <param name="CoveredByRelease">True when a shipment passed because an earlier release covers it within tolerance.</param>
public sealed record OrderDecision(
    string OrderId,
    OrderOutcome Outcome,
    IReadOnlyList<HoldReason> Reasons,
    Money AmountAtStake,
    AuthorityTier? Approver,
    IReadOnlyList<ApprovalStep> ApprovalSteps,
    IReadOnlyList<Remedy> Remedies,
    bool CoveredByRelease = false)
{
    /// <summary>True when the order may ship.</summary>
    public bool Passed => Outcome == OrderOutcome.Pass;
}
