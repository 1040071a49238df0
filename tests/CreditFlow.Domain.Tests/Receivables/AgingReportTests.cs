using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Receivables;

public sealed class AgingReportTests
{
    private static readonly DateOnly Today = new(2026, 12, 31);
    private static readonly Currency Cny = new("CNY");

    private static Money M(decimal amount) => new(amount, Cny);

    /// <summary>An invoice of <paramref name="customer"/> due on <paramref name="due"/> (on a 60-day term) with nothing paid.</summary>
    private static Invoice Open(string customer, string id, DateOnly due, Money amount) => new(customer, id, due.AddDays(-60), due, amount);

    [Theory]
    [InlineData(-5, "current")]
    [InlineData(0, "current")]
    [InlineData(1, "1-30")]
    [InlineData(30, "1-30")]
    [InlineData(31, "31-60")]
    [InlineData(60, "31-60")]
    [InlineData(61, "61-90")]
    [InlineData(90, "61-90")]
    [InlineData(91, "91-180")]
    [InlineData(180, "91-180")]
    [InlineData(181, ">180")]
    [InlineData(2000, ">180")]
    public void Build_DaysOverdueAtBoundary_LandsInItsBucket(int daysOverdue, string expected)
    {
        // Arrange
        var receivable = Open("C1", "I1", Today.AddDays(-daysOverdue), M(100m));

        // Act
        var report = AgingReport.Build(AgingBuckets.Default, [receivable], Cny, Today);

        // Assert
        var index = report.Buckets.ToList().IndexOf(expected);
        Assert.Equal(M(100m), report.Total.Amounts[index]);
        Assert.Equal(M(100m), report.Total.Amounts.Aggregate((a, b) => a + b));
    }

    [Fact]
    public void Build_PaidAndCreditedInvoices_CountWhatIsStillOwed_SettledOnesNothing()
    {
        // Arrange: 1,000 less 300 paid and 200 credited; 500 paid in full.
        Invoice[] invoices =
        [
            Open("A", "1", Today.AddDays(-40), M(1_000m)) with { Paid = M(300m), Credited = M(200m) },
            Open("A", "2", Today.AddDays(-40), M(500m)) with { Paid = M(500m), SettledOn = Today.AddDays(-1) },
        ];

        // Act
        var report = AgingReport.Build(AgingBuckets.Default, invoices, Cny, Today);

        // Assert
        Assert.Equal([0m, 0m, 500m, 0m, 0m, 0m], report.Total.Amounts.Select(a => a.Amount));
    }

    [Fact]
    public void Build_SeveralCustomers_RowsPerCustomerAndATotal()
    {
        // Arrange
        Invoice[] receivables =
        [
            Open("B", "1", Today.AddDays(10), M(1_000m)),
            Open("A", "2", Today.AddDays(-45), M(2_000m)),
            Open("A", "3", Today.AddDays(-50), M(500m)),
            Open("B", "4", Today.AddDays(-200), M(300m)),
        ];

        // Act
        var report = AgingReport.Build(AgingBuckets.Default, receivables, Cny, Today);

        // Assert
        Assert.Equal(["current", "1-30", "31-60", "61-90", "91-180", ">180"], report.Buckets);
        Assert.Equal(["A", "B"], report.ByCustomer.Select(r => r.Key));
        Assert.Equal([0m, 0m, 2_500m, 0m, 0m, 0m], report.ByCustomer[0].Amounts.Select(a => a.Amount));
        Assert.Equal([1_000m, 0m, 0m, 0m, 0m, 300m], report.ByCustomer[1].Amounts.Select(a => a.Amount));
        Assert.Equal([1_000m, 0m, 2_500m, 0m, 0m, 300m], report.Total.Amounts.Select(a => a.Amount));
        Assert.Equal(M(3_800m), report.Total.Total);
    }

    [Fact]
    public void Parse_CustomBuckets_Used()
    {
        // Arrange
        var buckets = AgingBuckets.Parse("""{ "buckets": [ { "label": "not due", "upToDays": 0 }, { "label": "late", "upToDays": 90 }, { "label": "very late" } ] }""");

        // Act / Assert
        Assert.Equal([0, 1, 1, 2], new[] { 0, 1, 90, 91 }.Select(buckets.IndexOf));
    }

    [Fact]
    public void Parse_InvalidBuckets_ListsEveryProblem()
    {
        // Arrange
        const string json = """
            { "buckets": [
                { "label": "current", "upToDays": 0 },
                { "label": "1-30", "upToDays": 30 },
                { "label": "1-30", "upToDays": 20 },
                { "label": "open" },
                { "label": "last", "upToDays": 400 } ] }
            """;

        // Act
        var error = Assert.Throws<InvalidConfigurationException>(() => AgingBuckets.Parse(json));

        // Assert
        Assert.Equal(
            [
                "$.buckets[2].label: '1-30' is used by an earlier bucket",
                "$.buckets[2].upToDays: must be above the previous bucket's 30, was 20",
                "$.buckets[3].upToDays: only the last bucket may be open-ended",
                "$.buckets[4].upToDays: the last bucket must be open-ended (omit upToDays), was 400",
            ],
            error.Problems.Select(p => p.ToString()));
    }
}
