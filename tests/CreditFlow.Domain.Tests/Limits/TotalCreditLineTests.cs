using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Tests.Limits;

public sealed class TotalCreditLineTests
{
    private static Money Cny(decimal amount) => Money.Of(amount, "CNY");

    [Fact]
    public void Reconcile_LimitsWithinTotal_FitAndStayUnchanged()
    {
        var result = TotalCreditLine.Reconcile(Cny(10_000_000m), [new("a", Cny(6_000_000m)), new("b", Cny(3_000_000m))]);

        Assert.True(result.Fits);
        Assert.Equal(Cny(1_000_000m), result.Headroom);
        Assert.All(result.Limits, l => Assert.Equal(l.Current, l.Proposed));
    }

    [Fact]
    public void Reconcile_ExactlyTheTotal_Fits()
    {
        var result = TotalCreditLine.Reconcile(Cny(9_000_000m), [new("a", Cny(6_000_000m)), new("b", Cny(3_000_000m))]);

        Assert.True(result.Fits);
        Assert.Equal(Cny(0m), result.Headroom);
    }

    [Fact]
    public void Reconcile_OverTheTotal_ScalesEveryLimitProportionally()
    {
        // 6.0 + 4.0 + 2.5 = 12.5 million against a 10 million line: factor 10 / 12.5 = 0.8.
        var result = TotalCreditLine.Reconcile(
            Cny(10_000_000m),
            [new("a", Cny(6_000_000m)), new("b", Cny(4_000_000m)), new("c", Cny(2_500_000m))]);

        Assert.False(result.Fits);
        Assert.Equal(Cny(-2_500_000m), result.Headroom);
        Assert.Equal([Cny(4_800_000m), Cny(3_200_000m), Cny(2_000_000m)], result.Limits.Select(l => l.Proposed));
        Assert.Equal(Cny(1_200_000m), result.Limits[0].Reduction);
        Assert.Equal(Cny(10_000_000m), result.ProposedTotal);
    }

    [Fact]
    public void Reconcile_UnevenShares_RoundsDownSoTheTotalIsNeverExceeded()
    {
        // Sum 101.00, factor 100 / 101: 33.33 → 3333 / 101 = 33.00 exactly; 33.34 → 33.0099 → 33.00; 1.00 → 0.990099 → 0.99.
        // Proposals 33.00 + 33.00 + 33.00 + 0.99 = 99.99: a cent stays unallocated rather than exceeding the line.
        var result = TotalCreditLine.Reconcile(
            Cny(100m),
            [new("a", Cny(33.33m)), new("b", Cny(33.33m)), new("c", Cny(33.34m)), new("d", Cny(1m))]);

        Assert.Equal([Cny(33.00m), Cny(33.00m), Cny(33.00m), Cny(0.99m)], result.Limits.Select(l => l.Proposed));
        Assert.Equal(Cny(99.99m), result.ProposedTotal);
    }

    [Fact]
    public void Reconcile_RandomPortfolios_ProposalsFitAndKeepProportions()
    {
        var random = new Random(1234);
        for (var i = 0; i < 500; i++)
        {
            var limits = Enumerable.Range(0, random.Next(1, 40))
                .Select(n => new CustomerLimit($"c{n}", Cny(random.Next(0, 5_000_000) + (random.Next(100) / 100m))))
                .ToArray();
            var sum = limits.Sum(l => l.Limit.Amount);
            var total = Cny(Math.Round(sum * (decimal)random.NextDouble(), 2));

            var result = TotalCreditLine.Reconcile(total, limits);

            Assert.True(result.ProposedTotal <= total);
            foreach (var limit in result.Limits)
            {
                var exactShare = sum == 0m ? 0m : limit.Current.Amount * total.Amount / sum;
                Assert.True(limit.Proposed <= limit.Current);
                Assert.InRange(limit.Proposed.Amount, exactShare - 0.01m, exactShare + 0.0000001m);
            }
        }
    }

    [Fact]
    public void Reconcile_LimitInOtherCurrency_Throws()
    {
        Assert.Throws<CurrencyMismatchException>(() => TotalCreditLine.Reconcile(Cny(100m), [new("a", Money.Of(10m, "USD"))]));
    }

    [Fact]
    public void Reconcile_DuplicateCustomer_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => TotalCreditLine.Reconcile(Cny(100m), [new("a", Cny(1m)), new("a", Cny(2m))]));

        Assert.StartsWith("Customer 'a' appears more than once.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomerLimit_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerLimit("a", Cny(-1m)));
    }
}
