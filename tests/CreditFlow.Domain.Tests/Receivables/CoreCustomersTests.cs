using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Receivables;

public sealed class CoreCustomersTests
{
    private static readonly Currency Cny = new("CNY");

    private static IEnumerable<CustomerYearSales> ThreeYears(string id, decimal perYear) =>
        new[] { 2024, 2025, 2026 }.Select(y => new CustomerYearSales(id, y, new Money(perYear, Cny)));

    [Fact]
    public void Rank_LineExactlyAfterSecond_ThirdIsNotCore()
    {
        // Arrange: 3-year totals A 1500, B 600, C 450, D 300, E 150 = 3000.
        // Share ranked above: A 0%, B 50%, C 70% (on the line: not core), D 85%, E 95%.
        var sales = ThreeYears("A", 500m).Concat(ThreeYears("B", 200m)).Concat(ThreeYears("C", 150m)).Concat(ThreeYears("D", 100m)).Concat(ThreeYears("E", 50m));

        // Act
        var ranking = CoreCustomers.Rank(CoreCustomerPolicy.Default, sales, ["E"], 2026, Cny);

        // Assert
        Assert.Equal(["A", "B", "C", "D", "E"], ranking.Select(r => r.CustomerId));
        Assert.Equal([CoreReason.TopSales, CoreReason.TopSales, CoreReason.None, CoreReason.None, CoreReason.LongStanding], ranking.Select(r => r.Reason));
        Assert.Equal(0.7m, ranking[2].CumulativeShareBefore);
    }

    [Fact]
    public void Rank_CustomerCrossingTheLine_IsCore()
    {
        // Arrange: A 500, B 190, C 160, D 150 = 1000; above C: 69% < 70% -> C is core; above D: 85%.
        CustomerYearSales[] sales = [new("A", 2026, new(500m, Cny)), new("B", 2026, new(190m, Cny)), new("C", 2026, new(160m, Cny)), new("D", 2026, new(150m, Cny))];

        // Act
        var ranking = CoreCustomers.Rank(CoreCustomerPolicy.Default, sales, [], 2026, Cny);

        // Assert
        Assert.Equal(["A", "B", "C"], ranking.Where(r => r.IsCore).Select(r => r.CustomerId));
    }

    [Fact]
    public void Rank_SalesOutsideTheWindow_Ignored()
    {
        // Arrange: with 3 years through 2026, X's huge 2023 sales do not count.
        CustomerYearSales[] sales = [new("X", 2023, new(10_000m, Cny)), new("X", 2026, new(10m, Cny)), new("Y", 2025, new(100m, Cny))];

        // Act
        var ranking = CoreCustomers.Rank(CoreCustomerPolicy.Default, sales, [], 2026, Cny);

        // Assert
        Assert.Equal(["Y", "X"], ranking.Select(r => r.CustomerId));
        Assert.Equal(new Money(10m, Cny), ranking[1].Sales);
    }

    [Fact]
    public void Rank_FiveYearPolicy_CountsFiveYears()
    {
        // Arrange
        var policy = CoreCustomerPolicy.Parse("""{ "years": 5, "cumulativeShare": 0.7 }""");
        CustomerYearSales[] sales = [new("X", 2022, new(1_000m, Cny)), new("Y", 2026, new(100m, Cny))];

        // Act
        var ranking = CoreCustomers.Rank(policy, sales, [], 2026, Cny);

        // Assert
        Assert.Equal("X", ranking[0].CustomerId);
    }

    [Fact]
    public void Parse_Invalid_ListsEveryProblem()
    {
        // Act
        var error = Assert.Throws<InvalidConfigurationException>(() => CoreCustomerPolicy.Parse("""{ "years": 0, "cumulativeShare": 70 }"""));

        // Assert
        Assert.Equal(["$.years: must be at least 1, was 0", "$.cumulativeShare: must be above 0 and at most 1, was 70"], error.Problems.Select(p => p.ToString()));
    }
}
