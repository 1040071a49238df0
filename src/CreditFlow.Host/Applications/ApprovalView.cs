using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Approvals;

namespace CreditFlow.Host.Applications;

/// <summary>One approver's decision on a step of the application.</summary>
/// <param name="Step">E.g. "1-CreditOfficer" or "reconsideration-1".</param>
/// <param name="Outcome">Approved, ApprovedLower or Rejected.</param>
/// <param name="ApprovedAmount">The lower limit, for ApprovedLower.</param>
public sealed record ApprovalView(
    string Step, string ApproverRole, string Outcome, Money? ApprovedAmount, string Comment, string DecidedBy, DateTimeOffset DecidedAt)
{
    internal static ApprovalView From(ApprovalRecord a) =>
        new(a.Step, a.ApproverRole.ToString(), a.Outcome.ToString(), a.ApprovedAmount, a.Comment, a.DecidedBy, a.DecidedAt);
}
