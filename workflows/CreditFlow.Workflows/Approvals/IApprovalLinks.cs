using CreditFlow.Domain.Roles;

namespace CreditFlow.Workflows.Approvals;

/// <summary>Makes the link an approver follows from a mail; the host signs it and knows its public address.</summary>
public interface IApprovalLinks
{
    /// <summary>
    /// An absolute <c>/approvals/{token}</c> URL whose token lets <paramref name="approverEmail"/>, in
    /// <paramref name="role"/>, decide <paramref name="step"/> of the approval instance <paramref name="instanceId"/>, once.
    /// </summary>
    Uri Create(string instanceId, string step, string approverEmail, CreditRole role);
}
