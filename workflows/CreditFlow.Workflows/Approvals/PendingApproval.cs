using CreditFlow.Domain.Roles;

namespace CreditFlow.Workflows.Approvals;

/// <summary>
/// The custom status of a waiting <c>ApprovalWorkflow</c>: which step is open, with whom,
/// and when it is reminded and escalated. The approval page refuses links for any other step.
/// </summary>
/// <param name="Step">E.g. "1.1-CreditOfficer"; after an escalation "1.2-CreditManager".</param>
/// <param name="RemindAt">When the next reminder goes out; null when the next thing due is the escalation.</param>
/// <param name="EscalateAt">Null at the top tier, which nobody is above.</param>
public sealed record PendingApproval(
    string Step,
    CreditRole Role,
    string ApproverEmail,
    DateTimeOffset RequestedAt,
    DateTimeOffset? RemindAt,
    DateTimeOffset? EscalateAt);
