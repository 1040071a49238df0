namespace CreditFlow.Workflows.Approvals;

/// <summary>Names of the events an approval instance waits for.</summary>
public static class ApprovalEvents
{
    /// <summary>An approver decided; payload <see cref="ApprovalDecision"/>.</summary>
    public const string Decision = "ApprovalDecision";
}
