using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Storage.Approvals;

/// <summary>One approver's decision on one step of an application or an order hold.</summary>
/// <param name="SubjectId">The application id or hold id.</param>
/// <param name="Step">The approval step, e.g. "1-CreditOfficer" or "reconsideration-1"; one decision per step.</param>
/// <param name="ApprovedAmount">The lower limit for <see cref="ApprovalOutcome.ApprovedLower"/>; null otherwise.</param>
public sealed record ApprovalRecord(
    string SubjectId,
    string Step,
    CreditRole ApproverRole,
    ApprovalOutcome Outcome,
    Money? ApprovedAmount,
    string Comment,
    string DecidedBy,
    DateTimeOffset DecidedAt);
