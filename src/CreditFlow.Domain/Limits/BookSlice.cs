using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>The part of the credit book in one class or one industry.</summary>
/// <param name="Key">The class ("A" … "D", "unrated") or the industry ("not given" when none is on file).</param>
/// <param name="Customers">Customers in it with a limit in use or an exposure.</param>
/// <param name="Limits">Their limits in use.</param>
/// <param name="Exposure">Their exposure.</param>
/// <param name="HighRiskCustomers">Those of them in a high-risk class.</param>
/// <param name="HighRiskExposure">Their exposure.</param>
public sealed record BookSlice(string Key, int Customers, Money Limits, Money Exposure, int HighRiskCustomers, Money HighRiskExposure)
{
    /// <summary>Its exposure as a share of <paramref name="total"/>; null when that is nothing.</summary>
    public decimal? ShareOf(Money total) => total.Amount == 0m ? null : Exposure.Amount / total.Amount;
}
