namespace CreditFlow.Domain.Warnings;

/// <summary>What a warning sets in motion.</summary>
public enum ResponseAction
{
    /// <summary>Joint sales and credit collection of what is due.</summary>
    Collection,

    /// <summary>Freeze the credit limit: no new orders on credit.</summary>
    FreezeLimit,

    /// <summary>Legal reviews the case and contracts.</summary>
    LegalInvolvement,

    /// <summary>Secure the customer's assets (pre-litigation preservation).</summary>
    AssetPreservation,

    /// <summary>Draw up a loss-stop plan.</summary>
    LossStopPlan,

    /// <summary>Sue or arbitrate.</summary>
    Litigation,

    /// <summary>Re-rate the customer and review its limit and terms.</summary>
    CreditReview,

    /// <summary>Visit the customer to find out what is going on.</summary>
    CustomerVisit,
}
