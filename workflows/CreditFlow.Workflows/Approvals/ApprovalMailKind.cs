namespace CreditFlow.Workflows.Approvals;

/// <summary>Why an approver is mailed.</summary>
public enum ApprovalMailKind
{
    /// <summary>First request to this approver.</summary>
    Request,

    /// <summary>No answer within the reminder time.</summary>
    Reminder,

    /// <summary>The tier below did not answer in time; the step moved up to this approver.</summary>
    Escalation,
}
