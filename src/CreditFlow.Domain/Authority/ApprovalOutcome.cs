namespace CreditFlow.Domain.Authority;

/// <summary>What an approver decided.</summary>
public enum ApprovalOutcome
{
    /// <summary>Approved as proposed.</summary>
    Approved,

    /// <summary>Refused; the applicant may ask for reconsideration one tier up.</summary>
    Rejected,

    /// <summary>Approved with a lower amount, which the decision names.</summary>
    ApprovedLower,
}
