using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Receivables;

/// <summary>The receivable budget on a small sales budget, each figure worked out by hand.</summary>
public sealed class ReceivableBudgetTests
{
    private static readonly Currency Cny = new("CNY");

    private static Money M(decimal amount) => new(amount, Cny);

    /// <summary>100,000 budgeted in January, 200,000 in February, 120,000 in March.</summary>
    private static readonly Dictionary<DateOnly, Money> Sales = new()
    {
        [new(2026, 1, 1)] = M(100_000m),
        [new(2026, 2, 1)] = M(200_000m),
        [new(2026, 3, 1)] = M(120_000m),
    };

    [Fact]
    public void FortyFiveDaysToCollect_CollectsHalfAMonthLaterAndHalfTwoMonthsLater()
    {
        var budget = ReceivableBudget.Build(Sales, Cny, new BudgetAssumptions(45, 0.10m), new(2026, 1, 1), new(2026, 4, 1));

        // January: nothing collected yet, 100,000 owed. February: half of January, 50,000; owed 250,000.
        // March: half of February and half of January, 150,000; owed 220,000. April: half of March and of February, 160,000; owed 60,000.
        Assert.Equal([M(0m), M(50_000m), M(150_000m), M(160_000m)], budget.Select(m => m.Collection));
        Assert.Equal([M(100_000m), M(250_000m), M(220_000m), M(60_000m)], budget.Select(m => m.Owed));
        Assert.Equal([M(10_000m), M(25_000m), M(22_000m), M(6_000m)], budget.Select(m => m.Overdue));
        Assert.Equal(M(0m), budget[3].Sales);
    }

    [Fact]
    public void MonthsBeforeTheFirstShown_StillCountInWhatIsOwed()
    {
        var budget = ReceivableBudget.Build(Sales, Cny, new BudgetAssumptions(30, 0m), new(2026, 3, 1), new(2026, 3, 1));

        // 30 days: each month's sales come in the next month. March: February's 200,000 in, 120,000 owed (March's).
        var march = Assert.Single(budget);
        Assert.Equal((M(120_000m), M(200_000m), M(120_000m)), (march.Sales, march.Collection, march.Owed));
    }
}
