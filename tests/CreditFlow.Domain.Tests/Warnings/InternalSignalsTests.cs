using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Domain.Tests.Warnings;

public sealed class InternalSignalsTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static Money M(decimal amount) => Money.Of(amount, "CNY");

    /// <summary>An invoice of 1,000 issued <paramref name="issuedDaysAgo"/> days ago on 30 days, paid in full after <paramref name="paidAfterDays"/> days (null: not paid).</summary>
    private static InvoiceHistory History(int issuedDaysAgo, int? paidAfterDays, InvoiceDispute[]? disputes = null, PaymentPromise[]? promises = null, decimal? paid = null)
    {
        var issued = Today.AddDays(-issuedDaysAgo);
        var payments = paidAfterDays is { } days ? new[] { new InvoicePayment(issued.AddDays(days), M(paid ?? 1_000m)) } : [];
        return new InvoiceHistory(Invoice.WithTerm("C", "I" + issuedDaysAgo, issued, 30, M(1_000m)), payments, disputes ?? [], promises ?? []);
    }

    private static IReadOnlyList<CreditSignal> Measure(params InvoiceHistory[] invoices) => InternalSignals.Default.Measure("C", invoices, Today, Now);

    [Fact]
    public void PaymentCycle_RecentlyPaidTwentyDaysSlowerThanTheYearBefore_MeasuresTwentyDays()
    {
        var signals = Measure(History(300, 30), History(250, 30), History(100, 50), History(80, 50));

        var lengthening = Assert.Single(signals);
        Assert.Equal((SignalKind.PaymentDaysLengthening, 20m, Now), (lengthening.Kind, lengthening.Value, lengthening.ObservedAt));
    }

    [Fact]
    public void BrokenPromises_CountedInTheWindow_KeptAndOlderOnesNot()
    {
        var broken = new PaymentPromise(Today.AddDays(-40), Today.AddDays(-30));
        var old = new PaymentPromise(Today.AddDays(-200), Today.AddDays(-190));
        var kept = History(70, 45, promises: [new PaymentPromise(Today.AddDays(-30), Today.AddDays(-20))]);

        var signals = Measure(History(60, null, promises: [broken, old]), History(50, null, promises: [broken with { PromisedDate = Today.AddDays(-5) }]), kept);

        Assert.Equal([(SignalKind.BrokenPromises, 2m)], signals.Select(s => (s.Kind, s.Value)));
    }

    [Fact]
    public void ShortPaymentsAndRisingDisputes_AreCounted()
    {
        InvoiceDispute[] recent = [new(Today.AddDays(-10)), new(Today.AddDays(-20), Today.AddDays(-5))];

        var signals = Measure(History(60, 40, paid: 600m), History(50, 35, disputes: recent, paid: 300m), History(55, 25));

        Assert.Equal([(SignalKind.ShortPayments, 2m), (SignalKind.DisputesRising, 2m)], signals.Select(s => (s.Kind, s.Value)));
    }

    [Fact]
    public void OrderVolume_InvoicedInTheWindowAgainstTheYearBefore_MeasuresTheDropInPercent()
    {
        // A year before the window: 8 invoices of 1,000 (2,000 per 90-day window, near enough: 8,000 × 90 / 365);
        // in the window: one of 1,000 (paid, so nothing else is measured).
        var year = Enumerable.Range(0, 8).Select(i => History(120 + (i * 40), 30)).ToArray();

        var signals = Measure([.. year, History(40, 30)]);

        var drop = Assert.Single(signals, s => s.Kind == SignalKind.OrderVolumeDropPercent);
        Assert.Equal(49.3m, drop.Value); // 1 − 1,000 / 1,972.6 = 49.3%
    }

    [Fact]
    public void AQuietCustomer_NoSignals()
    {
        Assert.Empty(Measure(History(300, 30), History(100, 28), History(10, null)));
    }
}
