using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Host.Approvals;

/// <summary>The outcome of <see cref="ApprovalPageLogic.SubmitAsync"/>.</summary>
/// <remarks>Public because the approval pages, Razor components (always public), take it as a parameter.</remarks>
public abstract record ApprovalSubmission
{
    private ApprovalSubmission()
    {
    }

    /// <summary>Stored and sent to the waiting instance.</summary>
    public sealed record Recorded(ApprovalDecision Decision) : ApprovalSubmission;

    /// <summary>The token was used by another request first; nothing changed.</summary>
    public sealed record AlreadyUsed : ApprovalSubmission;

    /// <summary>The step was decided through another link first; nothing changed.</summary>
    public sealed record AlreadyDecided : ApprovalSubmission;
}
