using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Domain.Tests.Receivables;

/// <summary>The team's KPIs next to a small book, each worked out by hand.</summary>
public sealed class TeamKpisTests
{
    private static readonly DateOnly Today = new(2026, 3, 20);
    private static readonly Currency Cny = new("CNY");
    private static readonly DateTimeOffset Noon = new(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);

    private static Money M(decimal amount) => new(amount, Cny);

    /// <summary>100,000 invoiced in February and 40,000 in March (3 months shown); 60,000 still open.</summary>
    private static ReceivablesPosition Position() => ReceivablesPosition.Build(
        [
            new InvoiceHistory(new Invoice("c1", "i1", new(2026, 2, 1), new(2026, 3, 3), M(100_000m)) { Paid = M(80_000m) }, [new(new(2026, 3, 1), M(80_000m))], [], []),
            new InvoiceHistory(new Invoice("c2", "i2", new(2026, 3, 1), new(2026, 3, 31), M(40_000m)), [], [], []),
        ],
        Cny, Today, AgingBuckets.Default, new AbcPolicy(0.05m, 0.15m), months: 3);

    [Fact]
    public void Kpis_CountWhatFallsInTheirWindows()
    {
        var kpis = TeamKpis.Build(
            Position(),
            [new WriteOff(new(2026, 2, 15), M(4_200m)), new WriteOff(new(2025, 11, 30), M(9_999m)), new WriteOff(new(2026, 3, 1), new Money(50m, new Currency("USD")))],
            [
                new RaisedWarning("c1", Noon.AddDays(-10), Noon.AddDays(-10).AddHours(5)),   // answered in 5 h
                new RaisedWarning("c1", Noon.AddDays(-3), Noon.AddDays(-1)),                // in 48 h: late
                new RaisedWarning("c2", Noon.AddHours(-2), null),                           // open
                new RaisedWarning("c3", Noon.AddDays(-200), Noon.AddDays(-199)),            // before both windows
                new RaisedWarning("c3", Noon.AddDays(-5), Noon.AddDays(-5).AddHours(1)),    // c3 is not new
            ],
            M(15_000m),
            responseTime: TimeSpan.FromHours(24),
            responseWindow: TimeSpan.FromDays(90),
            riskWindow: TimeSpan.FromDays(30));

        // 4,200 of 140,000 invoiced in January to March (the November one is before, the USD one in another currency).
        Assert.Equal(M(4_200m), kpis.WrittenOff);
        Assert.Equal(4_200m / 140_000m, kpis.BadDebtRate);

        // Four warnings in the last 90 days, two answered within 24 h.
        Assert.Equal(4, kpis.WarningsRaised);
        Assert.Equal(0.5m, kpis.WarningResponse);

        // 15,000 of the 60,000 open is in special collection; c1 and c2 had their first warning in the last 30 days.
        Assert.Equal(0.25m, kpis.SpecialCollectionShare);
        Assert.Equal(2, kpis.NewRiskCustomers);

        // The trend: nothing in January (nothing invoiced either), 4,200 of February's 100,000, nothing of March's 40,000.
        Assert.Equal(
            [new MonthOfBadDebt(new(2026, 1, 1), M(0m), null), new MonthOfBadDebt(new(2026, 2, 1), M(4_200m), 0.042m), new MonthOfBadDebt(new(2026, 3, 1), M(0m), 0m)],
            kpis.Months);
    }

    [Fact]
    public void NothingToCount_GivesNoShares()
    {
        var empty = ReceivablesPosition.Build([], Cny, Today, AgingBuckets.Default, new AbcPolicy(0.05m, 0.15m), months: 1);

        var kpis = TeamKpis.Build(empty, [], [], M(0m), TimeSpan.FromHours(24), TimeSpan.FromDays(90), TimeSpan.FromDays(30));

        Assert.Equal((null, null, null, 0), (kpis.BadDebtRate, kpis.WarningResponse, kpis.SpecialCollectionShare, kpis.NewRiskCustomers));
    }
}
