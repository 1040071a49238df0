namespace CreditFlow.Domain.Roles;

/// <summary>The roles of the credit process (docs/domain.md "Roles and authority"), not job titles.</summary>
public enum CreditRole
{
    /// <summary>Finds customers, files applications and visit reports, owns collection from its customers.</summary>
    SalesRep,

    /// <summary>Gathers data, scores, drafts reports, runs reminders; approves small limits.</summary>
    CreditOfficer,

    /// <summary>Sets each customer's policy; approves over-limit orders and mid-size limits.</summary>
    CreditManager,

    /// <summary>Approves the policy, large limits, exceptions and reconsiderations.</summary>
    CreditCommittee,

    /// <summary>Books invoices and payments, confirms prepayments.</summary>
    Finance,

    /// <summary>Reviews contracts, takes over cases, deals with agencies and courts.</summary>
    Legal,

    /// <summary>Configures models, thresholds and users; inspects running workflows.</summary>
    Admin,
}
