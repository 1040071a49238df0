namespace CreditFlow.Domain.Customers;

/// <summary>Where a customer stands in the credit lifecycles (docs/domain.md "Lifecycles").</summary>
public enum CreditProfileStatus
{
    /// <summary>Applied; no credit yet.</summary>
    Applicant,

    /// <summary>Trial period on a small limit while the credit team collects data.</summary>
    Trial,

    /// <summary>Granted credit.</summary>
    Active,

    /// <summary>Onboarding suspended until missing data arrives, or shipping stopped.</summary>
    Suspended,

    /// <summary>Restricted credit, e.g. after two warnings in a row.</summary>
    Restricted,

    /// <summary>No credit at all.</summary>
    Blacklisted,

    /// <summary>Strategic credit: class A for years running, a looser limit under control.</summary>
    Strategic,
}
