using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Receivables;

public sealed class ReceivableTurnoverTests
{
    private static Money M(decimal amount) => Money.Of(amount, "CNY");

    [Fact]
    public void Compute_QuarterOpeningAndClosing_DsoByHand()
    {
        // Arrange: Q1 2026 = 31 + 28 + 31 = 90 days. Average receivables (1,200,000 + 1,800,000) / 2 = 1,500,000.
        // DSO = 1,500,000 / 4,500,000 credit sales x 90 = 30 days.
        // Turnover = 6,000,000 total sales / 1,500,000 = 4 times; turnover days = 90 / 4 = 22.5.

        // Act
        var result = ReceivableTurnover.Compute(new(2026, 1, 1), new(2026, 3, 31), [M(1_200_000m), M(1_800_000m)], M(4_500_000m), M(6_000_000m));

        // Assert
        Assert.Equal(90, result.PeriodDays);
        Assert.Equal(M(1_500_000m), result.AverageReceivables);
        Assert.Equal(30m, result.Dso);
        Assert.Equal(4m, result.TurnoverRatio);
        Assert.Equal(22.5m, result.TurnoverDays);
    }

    [Fact]
    public void Compute_MonthEndBalancesOverAYear_AveragesAllBalances()
    {
        // Arrange: 2026 has 365 days; balances 1.0M, 1.2M, 1.4M, 1.8M average 1.35M; credit sales 9.125M.
        // DSO = 1.35 / 9.125 x 365 = 54 days.

        // Act
        var result = ReceivableTurnover.Compute(new(2026, 1, 1), new(2026, 12, 31), [M(1_000_000m), M(1_200_000m), M(1_400_000m), M(1_800_000m)], M(9_125_000m), M(9_125_000m));

        // Assert
        Assert.Equal(54m, result.Dso);
        Assert.Equal(result.Dso, result.TurnoverDays); // all sales on credit: the two coincide
    }

    [Fact]
    public void Compute_NoCreditSales_DsoUndefined()
    {
        // Act
        var result = ReceivableTurnover.Compute(new(2026, 1, 1), new(2026, 1, 31), [M(0m)], M(0m), M(0m));

        // Assert
        Assert.Null(result.Dso);
        Assert.Null(result.TurnoverDays);
    }

    [Fact]
    public void Compute_InvalidInputs_Throw()
    {
        // Act / Assert
        Assert.Throws<ArgumentException>(() => ReceivableTurnover.Compute(new(2026, 2, 1), new(2026, 1, 1), [M(1m)], M(1m), M(1m)));
        Assert.Throws<ArgumentException>(() => ReceivableTurnover.Compute(new(2026, 1, 1), new(2026, 1, 31), [], M(1m), M(1m)));
        Assert.Throws<ArgumentException>(() => ReceivableTurnover.Compute(new(2026, 1, 1), new(2026, 1, 31), [M(1m)], M(5m), M(1m)));
    }
}
