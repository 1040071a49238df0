namespace CreditFlow.Domain.Onboarding;

/// <summary>Where a credit application stands in onboarding (docs/domain.md "Onboarding").</summary>
public enum ApplicationStatus
{
    /// <summary>Filed by sales; not yet checked.</summary>
    Submitted,

    /// <summary>Blacklist, group, sales and credit standard checks; scoring.</summary>
    InReview,

    /// <summary>Suspended until the sales rep supplies missing data.</summary>
    WaitingForData,

    /// <summary>Waiting for the approver tier the amount requires.</summary>
    WaitingForApproval,

    /// <summary>Trial period on the trial limit.</summary>
    Trial,

    /// <summary>Final limit granted.</summary>
    Granted,

    /// <summary>Refused; may be reconsidered one tier up.</summary>
    Rejected,

    /// <summary>Given up: the missing data never came.</summary>
    Abandoned,
}
