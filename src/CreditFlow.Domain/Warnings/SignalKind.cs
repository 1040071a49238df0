namespace CreditFlow.Domain.Warnings;

/// <summary>What a credit signal measures (docs/domain.md "Early warning").</summary>
/// <remarks>
/// Event signals (lawsuit, mortgage, ownership change, bankruptcy, ban, registry change, adverse news) carry the value 1.
/// New kinds are appended at the end, so no kind's number ever changes.
/// </remarks>
public enum SignalKind
{
    /// <summary>Days the oldest open invoice is past due.</summary>
    DaysOverdue,

    /// <summary>Percent of its equity the main shareholder has pledged.</summary>
    EquityPledgedPercent,

    /// <summary>The customer is party to a major lawsuit.</summary>
    MajorLawsuit,

    /// <summary>Percent drop of order volume against the customer's usual level.</summary>
    OrderVolumeDropPercent,

    /// <summary>Days by which the customer's payment cycle has lengthened against its usual one.</summary>
    PaymentDaysLengthening,

    /// <summary>Key assets have been mortgaged.</summary>
    KeyAssetsMortgaged,

    /// <summary>Ownership or control has changed.</summary>
    OwnershipChange,

    /// <summary>A large customer of the customer went bankrupt.</summary>
    MajorCustomerBankrupt,

    /// <summary>The customer's sector was banned or restricted by policy.</summary>
    SectorBan,

    /// <summary>The business registry shows a change: name, legal representative, registered capital, address, business scope or status.</summary>
    BusinessRegistryChange,

    /// <summary>Adverse news about the customer: fraud, regulatory penalty, production stopped, management gone.</summary>
    AdverseNews,

    /// <summary>Promises to pay broken in the recent window (computed nightly from our own data).</summary>
    BrokenPromises,

    /// <summary>Invoices past due paid only in part in the recent window (computed nightly from our own data).</summary>
    ShortPayments,

    /// <summary>How many more disputes were raised in the recent window than in the one before (computed nightly from our own data).</summary>
    DisputesRising,
}
