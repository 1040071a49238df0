using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Tests.Limits;

public sealed class CreditBookTests
{
    private static readonly Currency Cny = new("CNY");
    private static readonly CreditClass[] HighRisk = [CreditClass.C, CreditClass.D];

    // Two steel mills (a prime one and a suspended watch one), a no-credit trial customer without an industry on file,
    // an applicant that owes only in USD, and a customer whose exposure came back to nothing (not counted anywhere).
    private static readonly BookedCustomer[] Customers =
    [
        new("steel-a", "Steel", CreditClass.A, CreditProfileStatus.Active, Yuan(100_000m), Yuan(60_000m)),
        new("steel-c", "steel ", CreditClass.C, CreditProfileStatus.Suspended, Yuan(50_000m), Yuan(20_000m)),
        new("trial-d", null, CreditClass.D, CreditProfileStatus.Trial, Yuan(30_000m), null),
        new("usd", "Retail", null, CreditProfileStatus.Applicant, null, new Money(5_000m, new Currency("USD"))),
        new("paid-up", "Retail", null, null, null, Yuan(0m)),
    ];

    [Fact]
    public void TheLimitsInUseAndTheExposure_AreSetAgainstTheTotalLine()
    {
        var book = CreditBook.Of(Customers, Cny, Yuan(200_000m), HighRisk);

        // A suspended customer's limit is not usable, its exposure still counts.
        Assert.Equal(Yuan(130_000m), book.Granted);
        Assert.Equal(Yuan(80_000m), book.Exposure);
        Assert.Equal(0.40m, book.LineUsed);
        Assert.Equal(0.65m, book.LineGranted);
        Assert.Equal(Yuan(120_000m), book.Headroom);
        Assert.True(book.Reconciliation!.Fits);
        Assert.Equal(3, book.Customers);
        Assert.Equal(1, book.ElsewhereCustomers);
    }

    [Fact]
    public void LimitsOverTheLine_AreScaledDownToFitIt()
    {
        var book = CreditBook.Of(Customers, Cny, Yuan(65_000m), HighRisk);

        var reconciliation = book.Reconciliation!;
        Assert.False(reconciliation.Fits);
        Assert.Equal(Yuan(-65_000m), reconciliation.Headroom);
        Assert.Equal(Yuan(50_000m), reconciliation.Limits.Single(l => l.CustomerId == "steel-a").Proposed);
        Assert.Equal(Yuan(15_000m), reconciliation.Limits.Single(l => l.CustomerId == "trial-d").Proposed);
        Assert.DoesNotContain(reconciliation.Limits, l => l.CustomerId == "steel-c");
        Assert.Equal(Yuan(-15_000m), book.Headroom);
    }

    [Fact]
    public void HighRiskCustomers_AreFoundByClassAndByIndustry_TheRiskiestIndustryFirst()
    {
        var book = CreditBook.Of(Customers, Cny, null, HighRisk);

        Assert.Equal(["A", "B", "C", "D", CreditBook.Unrated], book.ByClass.Select(s => s.Key));
        var watch = book.ByClass.Single(s => s.Key == "C");
        Assert.Equal((1, Yuan(0m), Yuan(20_000m), 1, Yuan(20_000m)), (watch.Customers, watch.Limits, watch.Exposure, watch.HighRiskCustomers, watch.HighRiskExposure));
        Assert.Equal(0.25m, watch.ShareOf(book.Exposure));
        Assert.Equal(2, book.HighRiskCustomers);
        Assert.Equal(Yuan(20_000m), book.HighRiskExposure);
        Assert.Equal(["steel-c"], book.MostExposedHighRisk.Select(c => c.CustomerId)); // trial-d is high risk but uses nothing

        // "Steel" and "steel " are one industry; the customer without one is counted apart.
        Assert.Equal(["Steel", CreditBook.NoIndustry], book.ByIndustry.Select(s => s.Key));
        var steel = book.ByIndustry[0];
        Assert.Equal((2, Yuan(100_000m), Yuan(80_000m), 1, Yuan(20_000m)), (steel.Customers, steel.Limits, steel.Exposure, steel.HighRiskCustomers, steel.HighRiskExposure));
        Assert.Null(book.TotalLine);
        Assert.Null(book.LineUsed);
        Assert.Null(book.Reconciliation);
    }

    [Fact]
    public void HighRiskCustomers_AreFoundByRegion_TheRiskiestRegionFirst_TheUnplacedApart()
    {
        BookedCustomer[] customers =
        [
            new("ningbo", "Steel", CreditClass.A, CreditProfileStatus.Active, Yuan(100_000m), Yuan(60_000m), "Zhejiang"),
            new("hangzhou", "Textiles", CreditClass.D, CreditProfileStatus.Restricted, Yuan(10_000m), Yuan(15_000m), "Zhejiang"),
            new("suzhou", "Cables", CreditClass.C, CreditProfileStatus.Active, Yuan(40_000m), Yuan(30_000m), "Jiangsu"),
            new("abroad", "Retail", CreditClass.B, CreditProfileStatus.Active, Yuan(20_000m), Yuan(5_000m)),
        ];

        var book = CreditBook.Of(customers, Cny, null, HighRisk);

        Assert.Equal(["Jiangsu", "Zhejiang", RegistrationRegion.NotKnown], book.ByRegion.Select(s => s.Key));
        Assert.Equal((1, Yuan(30_000m), 1, Yuan(30_000m)), (book.ByRegion[0].Customers, book.ByRegion[0].Exposure, book.ByRegion[0].HighRiskCustomers, book.ByRegion[0].HighRiskExposure));
        Assert.Equal((2, Yuan(75_000m), 1, Yuan(15_000m)), (book.ByRegion[1].Customers, book.ByRegion[1].Exposure, book.ByRegion[1].HighRiskCustomers, book.ByRegion[1].HighRiskExposure));
    }

    [Fact]
    public void ALineInAnotherCurrency_IsNotComparedWithThisOne()
    {
        var book = CreditBook.Of(Customers, Cny, new Money(1_000_000m, new Currency("USD")), HighRisk);

        Assert.Null(book.TotalLine);
        Assert.Null(book.Reconciliation);
        Assert.Equal(Yuan(80_000m), book.Exposure);
    }

    private static Money Yuan(decimal amount) => new(amount, Cny);
}
