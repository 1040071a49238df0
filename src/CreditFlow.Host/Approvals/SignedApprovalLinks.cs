using CreditFlow.Domain.Roles;
using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Host.Approvals;

/// <summary>
/// Approval links for mails: <c>{PublicBaseUrl}/approvals/{token}</c>, the token signed by
/// <see cref="ApprovalTokenService"/>. Every call issues a new token; each works once.
/// </summary>
internal sealed class SignedApprovalLinks(ApprovalTokenService tokens, Uri publicBaseUrl) : IApprovalLinks
{
    // Kept with its trailing slash trimmed, so a base with a path ("https://x.example/credit/") keeps that path.
    private readonly string _base = publicBaseUrl.AbsoluteUri.TrimEnd('/');

    public Uri Create(string instanceId, string step, string approverEmail, CreditRole role) =>
        new($"{_base}/approvals/{tokens.Issue(instanceId, step, approverEmail, role.ToString())}");
}
