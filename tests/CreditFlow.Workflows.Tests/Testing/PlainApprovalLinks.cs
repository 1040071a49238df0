using CreditFlow.Domain.Roles;
using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Workflows.Tests.Testing;

/// <summary>Readable links that say which instance, step and approver they are for; signing is the host's concern.</summary>
internal sealed class PlainApprovalLinks : IApprovalLinks
{
    public Uri Create(string instanceId, string step, string approverEmail, CreditRole role) =>
        new($"http://approvals.test/{Uri.EscapeDataString(instanceId)}/{Uri.EscapeDataString(step)}?to={Uri.EscapeDataString(approverEmail)}");
}
