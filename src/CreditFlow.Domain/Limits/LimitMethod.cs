namespace CreditFlow.Domain.Limits;

/// <summary>How a reference limit was calculated (the consulting deck's methods).</summary>
public enum LimitMethod
{
    /// <summary>The customer's annual purchases from us × our profit margin on them.</summary>
    PurchasesTimesMargin,

    /// <summary>Class coefficient × the customer's annual sales: the most common base.</summary>
    AnnualSales,

    /// <summary>Class coefficient × working capital (current assets − current liabilities).</summary>
    WorkingCapital,

    /// <summary>Class coefficient × net-asset liquidation value: for riskier customers.</summary>
    NetAssetLiquidationValue,
}
