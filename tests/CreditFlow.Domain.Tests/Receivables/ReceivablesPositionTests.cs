using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Domain.Tests.Receivables;

/// <summary>The dashboard's figures on a small book of invoices, each figure worked out by hand in the comments.</summary>
public sealed class ReceivablesPositionTests
{
    private static readonly DateOnly Today = new(2026, 3, 20);
    private static readonly Currency Cny = new("CNY");

    private static Money M(decimal amount) => new(amount, Cny);

    /// <summary>
    /// i1 c1 issued 5 Jan due 4 Feb 10,000, paid in full 1 Feb (on time).
    /// i2 c1 issued 10 Feb due 12 Mar 20,000, 5,000 paid 15 Mar (late): 15,000 open, 8 days overdue.
    /// i3 c2 issued 20 Jan due 19 Feb 30,000, nothing paid, disputed since 25 Feb: 29 days overdue.
    /// i4 c3 issued 1 Mar due 31 Mar 40,000: not due.
    /// i6 c2 issued 1 Nov 2025 due 1 Dec 2025 5,000, nothing paid: 109 days overdue.
    /// u1 c4 in USD: not counted in CNY.
    /// </summary>
    private static readonly InvoiceHistory[] Book =
    [
        History("c1", "i1", new(2026, 1, 5), new(2026, 2, 4), 10_000m, [new(new(2026, 2, 1), M(10_000m))]),
        History("c1", "i2", new(2026, 2, 10), new(2026, 3, 12), 20_000m, [new(new(2026, 3, 15), M(5_000m))]),
        History("c2", "i3", new(2026, 1, 20), new(2026, 2, 19), 30_000m, [], [new InvoiceDispute(new(2026, 2, 25))]),
        History("c3", "i4", new(2026, 3, 1), new(2026, 3, 31), 40_000m, []),
        History("c2", "i6", new(2025, 11, 1), new(2025, 12, 1), 5_000m, []),
        new(new Invoice("c4", "u1", new(2026, 1, 1), new(2026, 1, 31), new Money(999m, new Currency("USD"))), [], [], []),
    ];

    private static InvoiceHistory History(string customer, string id, DateOnly issued, DateOnly due, decimal amount, InvoicePayment[] payments, InvoiceDispute[]? disputes = null)
    {
        var paid = payments.Aggregate(M(0m), (sum, p) => sum + p.Amount);
        return new InvoiceHistory(new Invoice(customer, id, issued, due, M(amount)) { Paid = paid }, payments, disputes ?? [], []);
    }

    private static ReceivablesPosition Position(int dsoMonths = 1) => ReceivablesPosition.Build(Book, Cny, Today, AgingBuckets.Default, new AbcPolicy(0.05m, 0.15m), months: 3, dsoMonths);

    [Fact]
    public void OpenAndOverdue_CountOnlyWhatIsStillOwed_InTheCurrency()
    {
        var p = Position();

        Assert.Equal(M(90_000m), p.Open);       // 15,000 + 30,000 + 40,000 + 5,000
        Assert.Equal(M(50_000m), p.Overdue);    // all but i4
        Assert.Equal(50m / 90m, p.OverdueShare);
        Assert.Equal((4, 3, 2, 1), (p.OpenInvoices, p.CustomersOwing, p.CustomersPastTerm, p.DisputedInvoices));
        Assert.Equal(2m / 3m, p.CustomersPastTermShare);
    }

    [Fact]
    public void Aging_PutsEachOpenAmountInItsBucket()
    {
        var aging = Position().Aging;

        Assert.Equal(["current", "1-30", "31-60", "61-90", "91-180", ">180"], aging.Buckets);
        Assert.Equal([M(40_000m), M(45_000m), M(0m), M(0m), M(5_000m), M(0m)], aging.Total.Amounts);
        Assert.Equal(["c1", "c2", "c3"], aging.ByCustomer.Select(r => r.Key));
    }

    [Fact]
    public void RiskClasses_TheOldestFivePercentAreC_TheNextFifteenB()
    {
        // Lines: C below 4,500 ranked before, B below 18,000. i6 (109 days) C; i3 (29 days) B; i2 and i4 A.
        var abc = Position().Abc;

        Assert.Equal((M(55_000m), M(30_000m), M(5_000m)), (abc.AmountOf(ReceivableClass.A), abc.AmountOf(ReceivableClass.B), abc.AmountOf(ReceivableClass.C)));
    }

    [Fact]
    public void Months_RebuildTheBalances_AndTheirDso()
    {
        var months = Position().Months;

        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)], months.Select(m => m.Start));
        Assert.Equal([M(40_000m), M(20_000m), M(40_000m)], months.Select(m => m.Invoiced));
        Assert.Equal([M(0m), M(10_000m), M(5_000m)], months.Select(m => m.Collected));
        Assert.Equal([M(45_000m), M(55_000m), M(90_000m)], months.Select(m => m.Closing));

        // January: (5,000 + 45,000) / 2 × 31 / 40,000; February: (45,000 + 55,000) / 2 × 28 / 20,000;
        // March to the 20th: (55,000 + 90,000) / 2 × 20 / 40,000.
        Assert.Equal([19.375m, 70m, 36.25m], months.Select(m => m.Dso!.Value));
    }

    [Fact]
    public void Dso_OverThreeMonths_AveragesTheirBalances_OverTheirSales()
    {
        // To 20 March: balances 31 Dec 5,000, 31 Jan 45,000, 28 Feb 55,000, 20 Mar 90,000 (average 48,750);
        // sales 100,000 over 31 + 28 + 20 = 79 days: 48,750 × 79 / 100,000.
        Assert.Equal(38.5125m, Position(dsoMonths: 3).ThisMonth.Dso);
    }

    [Fact]
    public void OnTimeCollection_IsWhatWasPaidByTheDueDate_OfWhatFellDueInNinetyDays()
    {
        // Due in the window (after 20 Dec): i1 10,000 paid on time, i2 20,000 and i3 30,000 not: 10,000 / 60,000.
        Assert.Equal(10_000m / 60_000m, Position().OnTimeCollection);
    }

    [Fact]
    public void NothingOwedInTheCurrency_GivesZerosAndNoShares()
    {
        var p = ReceivablesPosition.Build(Book, new Currency("EUR"), Today, AgingBuckets.Default, new AbcPolicy(0.05m, 0.15m), months: 2);

        Assert.Equal(0m, p.Open.Amount);
        Assert.Null(p.OverdueShare);
        Assert.Null(p.OnTimeCollection);
        Assert.All(p.Months, m => Assert.Null(m.Dso));
    }
}
