using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Workflows.Approvals;

/// <summary>
/// An approver's answer to one step: the payload of the <see cref="ApprovalEvents.Decision"/> event
/// the approval page raises, and the result of <c>ApprovalWorkflow</c>.
/// </summary>
/// <param name="Step">The step answered; an answer to a step that was escalated away is ignored.</param>
/// <param name="ApprovedAmount">The lower amount for <see cref="ApprovalOutcome.ApprovedLower"/>; null otherwise.</param>
/// <param name="DecidedBy">The approver's mail address, from the signed link.</param>
public sealed record ApprovalDecision(
    string Step,
    ApprovalOutcome Outcome,
    Money? ApprovedAmount,
    string Comment,
    string DecidedBy,
    CreditRole DecidedByRole,
    DateTimeOffset DecidedAt);
