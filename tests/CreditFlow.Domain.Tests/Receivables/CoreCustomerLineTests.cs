using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Receivables;

public sealed class CoreCustomerLineTests
{
    private static readonly Currency Cny = new("CNY");

    // Totals A 500, B 190, C 160, D 150 = 1000: above C 69% (core), above D 85% (not).
    private static readonly (string, Money)[] Sales = [("D", Yuan(150m)), ("A", Yuan(500m)), ("C", Yuan(160m)), ("B", Yuan(190m))];

    [Fact]
    public void TheLine_IsTheLastCoreCustomer_AndSaysWhoElseRanksInsideIt()
    {
        var ranking = CoreCustomers.RankBySales(CoreCustomerPolicy.Default, Sales, [], Cny);
        var line = CoreCustomerLine.Of(ranking, Cny)!;

        Assert.Equal(("C", Yuan(160m), 3, 4), (line.LastCoreCustomerId, line.LastCoreSales, line.CoreCustomers, line.RankedCustomers));
        Assert.Equal(ranking.Select(r => r.IsCore), ranking.Select(r => line.Includes(r.CustomerId, r.Sales)));

        // Ties rank by id: "Bb" with C's sales comes before C, "Cc" after it.
        Assert.True(line.Includes("Bb", Yuan(160m)));
        Assert.False(line.Includes("Cc", Yuan(160m)));
        Assert.False(line.Includes("Z", Yuan(0m)));
        Assert.Throws<CurrencyMismatchException>(() => line.Includes("A", new Money(500m, new Currency("EUR"))));
    }

    [Fact]
    public void NoSales_NoLine()
    {
        var ranking = CoreCustomers.RankBySales(CoreCustomerPolicy.Default, [("A", Yuan(0m))], ["A"], Cny);

        Assert.Equal(CoreReason.LongStanding, Assert.Single(ranking).Reason);
        Assert.Null(CoreCustomerLine.Of(ranking, Cny));
    }

    private static Money Yuan(decimal amount) => new(amount, Cny);
}
