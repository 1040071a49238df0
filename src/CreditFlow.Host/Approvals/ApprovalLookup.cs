using CreditFlow.Storage.Approvals;
using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Host.Approvals;

/// <summary>
/// What an approval link leads to, checked in order (<see cref="ApprovalPageLogic.LookupAsync"/>).
/// Only <see cref="Open"/> may show the form or record a decision.
/// </summary>
/// <remarks>Public because the approval pages, Razor components (always public), take it as a parameter.</remarks>
public abstract record ApprovalLookup
{
    private ApprovalLookup()
    {
    }

    /// <summary>Not a token at all.</summary>
    public sealed record Malformed : ApprovalLookup;

    /// <summary>Token-shaped, but not signed by us.</summary>
    public sealed record Tampered : ApprovalLookup;

    /// <summary>Genuine but past its expiry.</summary>
    public sealed record Expired(ApprovalClaims Claims) : ApprovalLookup;

    /// <summary>The approval instance does not exist (any more: it may have been purged).</summary>
    public sealed record InstanceNotFound(ApprovalClaims Claims) : ApprovalLookup;

    /// <summary>The instance no longer waits for this step.</summary>
    /// <param name="Claims">What the token was for.</param>
    /// <param name="Decision">The step's recorded decision, when it was decided.</param>
    /// <param name="NowWaitingFor">The step it waits for instead (escalated), when it still runs.</param>
    public sealed record NoLongerWaiting(ApprovalClaims Claims, ApprovalRecord? Decision, PendingApproval? NowWaitingFor) : ApprovalLookup;

    /// <summary>A genuine token for this step, issued to another approver than the one now asked.</summary>
    public sealed record IssuedToSomeoneElse(ApprovalClaims Claims) : ApprovalLookup;

    /// <summary>The token was used before.</summary>
    /// <param name="Claims">What the token was for.</param>
    /// <param name="Decision">The step's recorded decision, when there is one.</param>
    public sealed record AlreadyUsed(ApprovalClaims Claims, ApprovalRecord? Decision) : ApprovalLookup;

    /// <summary>The instance waits for exactly this approver's answer to this step.</summary>
    public sealed record Open(ApprovalClaims Claims, ApprovalRequest Request, PendingApproval Pending) : ApprovalLookup;
}
