using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Domain.Tests.Receivables;

/// <summary>
/// A customer's receivables kept as a summary: taken once, it must give the dashboard the same figures on every later
/// day as reading all the invoices again would, until an invoice changes.
/// </summary>
public sealed class CustomerReceivablesTests
{
    private static readonly Currency Cny = new("CNY");
    private static readonly DateOnly Taken = new(2026, 3, 20);

    private static Money M(decimal amount) => new(amount, Cny);

    /// <summary>
    /// c1: i1 issued 5 Jan due 4 Feb 10,000 paid 1 Feb; i2 issued 10 Feb due 12 Mar 20,000, 5,000 paid 15 Mar; i5 issued
    /// 15 Mar due 14 Apr 8,000. c2: i3 issued 20 Jan due 19 Feb 30,000 disputed since 25 Feb. Nothing happens after 20 March.
    /// </summary>
    private static readonly InvoiceHistory[] Book =
    [
        History("c1", "i1", new(2026, 1, 5), new(2026, 2, 4), 10_000m, [new(new(2026, 2, 1), M(10_000m))]),
        History("c1", "i2", new(2026, 2, 10), new(2026, 3, 12), 20_000m, [new(new(2026, 3, 15), M(5_000m))]),
        History("c1", "i5", new(2026, 3, 15), new(2026, 4, 14), 8_000m, []),
        History("c2", "i3", new(2026, 1, 20), new(2026, 2, 19), 30_000m, [], [new InvoiceDispute(new(2026, 2, 25))]),
    ];

    private static InvoiceHistory History(string customer, string id, DateOnly issued, DateOnly due, decimal amount, InvoicePayment[] payments, InvoiceDispute[]? disputes = null)
    {
        var paid = payments.Aggregate(M(0m), (sum, p) => sum + p.Amount);
        return new InvoiceHistory(new Invoice(customer, id, issued, due, M(amount)) { Paid = paid }, payments, disputes ?? [], []);
    }

    private static CustomerReceivables[] Summaries(IReadOnlySet<string>? special = null) =>
        Book.GroupBy(h => h.Invoice.CustomerId)
            .Select(g => CustomerReceivables.Of(g.Key, Cny, g, special ?? new HashSet<string>(), Taken, ReceivablesPosition.MonthsKept(3, 2)))
            .ToArray();

    [Fact]
    public void ASummary_KeepsTheOpenInvoicesTheMonthsAndWhatFellDue()
    {
        var c1 = Summaries().Single(s => s.CustomerId == "c1");

        Assert.Equal(["i2", "i5"], c1.Open.Select(o => o.Invoice.InvoiceId));
        Assert.Equal(new DateOnly(2025, 11, 1), c1.FirstMonth);     // five months kept, March the last
        Assert.Equal(5, c1.Months.Count);
        Assert.Equal(M(10_000m), c1.InvoicedIn(new(2026, 1, 1)));
        Assert.Equal(M(10_000m), c1.CollectedIn(new(2026, 2, 1)));
        Assert.Equal(M(20_000m), c1.OwedAtEndOf(new(2026, 2, 1)));  // i2; i1 paid on 1 Feb
        Assert.Equal(M(23_000m), c1.OwedAtEndOf(new(2026, 3, 1)));  // 15,000 of i2 and i5
        Assert.Equal(M(23_000m), c1.OwedAtEndOf(new(2026, 6, 1)));  // nothing happened since
        Assert.Equal(
            [new FallingDue(new(2026, 2, 4), M(10_000m), M(10_000m), M(10_000m)), new FallingDue(new(2026, 3, 12), M(20_000m), M(0m), M(5_000m)), new FallingDue(new(2026, 4, 14), M(8_000m), M(0m), M(0m))],
            c1.Due);
        Assert.Throws<ArgumentOutOfRangeException>(() => c1.OwedAtEndOf(new(2025, 10, 1)));

        // Sales since a month: i2 and i5 since February; every kept month when asked from before the first.
        Assert.Equal(M(28_000m), c1.InvoicedSince(new(2026, 2, 1)));
        Assert.Equal(M(38_000m), c1.InvoicedSince(new(2020, 1, 1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(26)]
    [InlineData(45)]
    public void SummariesTakenEarlier_GiveTheSamePositionAsTheInvoicesOnALaterDay(int daysLater)
    {
        var today = Taken.AddDays(daysLater);

        var kept = ReceivablesPosition.Of(Summaries(), Cny, today, AgingBuckets.Default, new AbcPolicy(0.05m, 0.15m), months: 3, dsoMonths: 2);
        var read = ReceivablesPosition.Build(Book, Cny, today, AgingBuckets.Default, new AbcPolicy(0.05m, 0.15m), months: 3, dsoMonths: 2);

        Assert.Equal((read.Open, read.Overdue, read.CustomersPastTerm, read.DisputedInvoices), (kept.Open, kept.Overdue, kept.CustomersPastTerm, kept.DisputedInvoices));
        Assert.Equal(read.Aging.Total.Amounts, kept.Aging.Total.Amounts);
        Assert.Equal(read.Aging.ByCustomer.Select(r => (r.Key, r.Total)), kept.Aging.ByCustomer.Select(r => (r.Key, r.Total)));
        Assert.Equal(read.Abc.Items.Select(i => (i.Class, i.Receivable.InvoiceId)), kept.Abc.Items.Select(i => (i.Class, i.Receivable.InvoiceId)));
        Assert.Equal(read.Months, kept.Months);
        Assert.Equal(read.OnTimeCollection, kept.OnTimeCollection);
    }

    [Fact]
    public void TheMonthsCollectionProgress_IsWhatWasPaidOfWhatFallsDueInIt()
    {
        var p = ReceivablesPosition.Of(Summaries(), Cny, Taken, AgingBuckets.Default, new AbcPolicy(0.05m, 0.15m), months: 3, dsoMonths: 2);

        // March: i2 (20,000, 5,000 paid late) is all that falls due in it; i5 falls due in April, i3 fell due in February.
        Assert.Equal((M(20_000m), M(5_000m), 0.25m), (p.DueThisMonth, p.CollectedOfDueThisMonth, p.CollectionProgress));
    }

    [Fact]
    public void TheOpenAmountInSpecialCollection_IsAddedUp()
    {
        var p = ReceivablesPosition.Of(Summaries(new HashSet<string> { "i3" }), Cny, Taken, AgingBuckets.Default, new AbcPolicy(0.05m, 0.15m), months: 3, dsoMonths: 2);

        Assert.Equal(M(30_000m), p.InSpecialCollection);
    }
}
