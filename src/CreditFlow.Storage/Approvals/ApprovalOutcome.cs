namespace CreditFlow.Storage.Approvals;

/// <summary>What an approver decided.</summary>
public enum ApprovalOutcome
{
    /// <summary>Approved as proposed.</summary>
    Approved,

    /// <summary>Refused; the applicant may ask for reconsideration one tier up.</summary>
    Rejected,

    /// <summary>Approved with a lower limit, given in <see cref="ApprovalRecord.ApprovedAmount"/>.</summary>
    ApprovedLower,
}
