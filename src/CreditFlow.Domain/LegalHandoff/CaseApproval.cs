using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.LegalHandoff;

/// <summary>What a case's approval decides.</summary>
public enum CaseApprovalKind
{
    /// <summary>Accept the customer's settlement offer: it pays <see cref="CaseApproval.Pays"/> more, the rest is written off when it has.</summary>
    Settlement,

    /// <summary>Write off what is still owed.</summary>
    WriteOff,
}

/// <summary>
/// A settlement or write-off waiting for the tier whose authority covers the amount written off (docs/domain.md "Legal
/// handoff": write-off needs approval).
/// </summary>
/// <param name="Number">Counts the case's approvals from 1; names the approval's workflow.</param>
/// <param name="Kind">Settlement or write-off.</param>
/// <param name="RequestedAt">When it was asked for.</param>
/// <param name="RequestedBy">Who asked: the agency for an offer, a person for a write-off.</param>
/// <param name="Reason">Why, in the asker's words.</param>
/// <param name="Pays">For a settlement: what the customer offers to pay from now on.</param>
/// <param name="WriteOff">What would be written off; set when the approval is asked for, from what is owed then.</param>
/// <param name="Approver">The least role whose authority covers <paramref name="WriteOff"/>; set with it.</param>
/// <param name="PolicyVersion">
/// The credit policy version whose authority matrix chose <paramref name="Approver"/>, and under which the answer is
/// judged; set with it (null on approvals asked before versions were recorded: the matrix in force judges those).
/// </param>
public sealed record CaseApproval(
    int Number,
    CaseApprovalKind Kind,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    string Reason,
    Money? Pays = null,
    Money? WriteOff = null,
    CreditRole? Approver = null,
    int? PolicyVersion = null)
{
    /// <summary>True once the approval was asked of its tier.</summary>
    public bool Asked => Approver is not null;
}
