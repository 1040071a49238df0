using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Reviews;

/// <summary>What a review changes, and how the change takes effect.</summary>
public enum ReviewChange
{
    /// <summary>Class and limit stay.</summary>
    None,

    /// <summary>A lower class or limit: takes effect at once.</summary>
    Decrease,

    /// <summary>A higher class or limit: takes effect once approved by the tier the new limit needs.</summary>
    Increase,

    /// <summary>Strategic credit after class A for years running: through approval.</summary>
    Strategic,

    /// <summary>Restricted credit after warnings in two periods in a row: through approval.</summary>
    Restricted,
}

/// <summary>A review's proposal.</summary>
/// <param name="Change">What kind of change.</param>
/// <param name="Class">The proposed class.</param>
/// <param name="Limit">The proposed limit.</param>
/// <param name="Status">The proposed profile status.</param>
/// <param name="PolicyRevision">This review is also the yearly revision of the customer's policy.</param>
/// <param name="Reasons">Why, in words, one per finding.</param>
public sealed record ReviewProposal(ReviewChange Change, CreditClass Class, Money Limit, CreditProfileStatus Status, bool PolicyRevision, IReadOnlyList<string> Reasons)
{
    /// <summary>True when a person must approve it before it takes effect.</summary>
    public bool NeedsApproval => Change is ReviewChange.Increase or ReviewChange.Strategic or ReviewChange.Restricted;
}
