using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Host.Approvals;

/// <summary>An approver's validated answer from the approval form.</summary>
/// <param name="Outcome">Approve, reject, or approve a lower amount.</param>
/// <param name="Amount">The lower amount for <see cref="ApprovalOutcome.ApprovedLower"/>; null otherwise.</param>
/// <param name="Comment">Trimmed; empty only for a plain approval.</param>
internal sealed record ApprovalAnswer(ApprovalOutcome Outcome, Money? Amount, string Comment);
