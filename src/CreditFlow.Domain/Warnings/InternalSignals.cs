using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Warnings;

/// <summary>One invoice's history as the nightly signals and the re-review read it: the invoice and what happened to it.</summary>
public sealed record InvoiceHistory(Invoice Invoice, IReadOnlyList<InvoicePayment> Payments, IReadOnlyList<InvoiceDispute> Disputes, IReadOnlyList<PaymentPromise> Promises)
{
    /// <summary>The day the payments first covered what is owed (the amount less credit notes); null while they do not.</summary>
    public DateOnly? SettledOn
    {
        get
        {
            var owed = Invoice.Amount.Amount - Invoice.Credited.Amount;
            var paid = 0m;
            foreach (var payment in Payments.OrderBy(p => p.PaidOn))
            {
                paid += payment.Amount.Amount;
                if (paid >= owed)
                {
                    return payment.PaidOn;
                }
            }

            return null;
        }
    }

    /// <summary>Kept when what was paid between the promise and its date covers what was promised (all that was open, when no amount).</summary>
    public bool Kept(PaymentPromise promise)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var before = Payments.Where(p => p.PaidOn < promise.MadeOn).Sum(p => p.Amount.Amount);
        var within = Payments.Where(p => p.PaidOn >= promise.MadeOn && p.PaidOn <= promise.PromisedDate).Sum(p => p.Amount.Amount);
        return within >= (promise.Amount?.Amount ?? Invoice.Amount.Amount - before);
    }

    /// <summary>Promises whose date passed before <paramref name="today"/> (and after <paramref name="since"/>, when given) without being kept.</summary>
    public int BrokenPromises(DateOnly today, DateOnly? since = null) =>
        Promises.Count(p => p.PromisedDate < today && (since is null || p.PromisedDate > since) && !Kept(p));
}

/// <summary>
/// The warning signals CreditFlow computes from its own data each night (docs/domain.md "Early warning": order volume
/// falls, the payment cycle lengthens, promises broken, short payments, disputes rising), over a recent window against
/// the time before it. Order volume is measured by what was invoiced: the ledger keeps an order's amounts, not its date,
/// and every order shipped on credit is invoiced.
/// A pure function of the invoices' histories and the day; the warning rules decide which measurement is a warning.
/// </summary>
/// <param name="WindowDays">The recent window. Default 90 days.</param>
/// <param name="BaselineDays">The time before it that a lengthening payment cycle is measured against. Default 365 days.</param>
/// <param name="MinimumSettled">Invoices settled (or issued, for order volume) in each period before a period is compared with the one before. Default 2.</param>
public sealed record InternalSignals(int WindowDays = 90, int BaselineDays = 365, int MinimumSettled = 2)
{
    /// <summary>The defaults.</summary>
    public static InternalSignals Default { get; } = new();

    /// <summary>The signals of one customer on <paramref name="today"/>, each with a value of at least 1; none when nothing is measured.</summary>
    public IReadOnlyList<CreditSignal> Measure(string customerId, IReadOnlyList<InvoiceHistory> invoices, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        var windowStart = today.AddDays(-WindowDays);
        var signals = new List<CreditSignal>();
        void Add(SignalKind kind, decimal value)
        {
            if (value >= 1m)
            {
                signals.Add(new CreditSignal(customerId, kind, value, now));
            }
        }

        var settled = invoices.Select(i => (i.Invoice, On: i.SettledOn)).Where(s => s.On is not null).ToArray();
        var recent = settled.Where(s => s.On > windowStart && s.On <= today).Select(s => Days(s.Invoice, s.On!.Value)).ToArray();
        var before = settled.Where(s => s.On > windowStart.AddDays(-BaselineDays) && s.On <= windowStart).Select(s => Days(s.Invoice, s.On!.Value)).ToArray();
        if (recent.Length >= MinimumSettled && before.Length >= MinimumSettled)
        {
            Add(SignalKind.PaymentDaysLengthening, Math.Round((decimal)(recent.Average() - before.Average()), 1));
        }

        var invoicedNow = invoices.Where(i => i.Invoice.IssueDate > windowStart && i.Invoice.IssueDate <= today).Sum(i => i.Invoice.Amount.Amount);
        var baseline = invoices.Where(i => i.Invoice.IssueDate > windowStart.AddDays(-BaselineDays) && i.Invoice.IssueDate <= windowStart).ToArray();
        if (baseline.Length >= MinimumSettled)
        {
            // The baseline per window of the same length: a year before the window holds about four of them.
            var usual = baseline.Sum(i => i.Invoice.Amount.Amount) * WindowDays / BaselineDays;
            Add(SignalKind.OrderVolumeDropPercent, Math.Round((1m - (invoicedNow / usual)) * 100m, 1));
        }

        Add(SignalKind.BrokenPromises, invoices.Sum(i => i.BrokenPromises(today, since: windowStart)));
        Add(SignalKind.ShortPayments, invoices.Count(i => i.Invoice.DueDate > windowStart && i.Invoice.DueDate < today
            && Paid(i, today) is var paid && paid > 0m && paid < i.Invoice.Amount.Amount - i.Invoice.Credited.Amount));
        var disputesNow = invoices.Sum(i => i.Disputes.Count(d => d.OpenedOn > windowStart && d.OpenedOn <= today));
        var disputesBefore = invoices.Sum(i => i.Disputes.Count(d => d.OpenedOn > windowStart.AddDays(-WindowDays) && d.OpenedOn <= windowStart));
        Add(SignalKind.DisputesRising, disputesNow - disputesBefore);
        return signals;
    }

    /// <summary>Days from issue to settlement: the payment cycle of one invoice.</summary>
    private static int Days(Invoice invoice, DateOnly settledOn) => settledOn.DayNumber - invoice.IssueDate.DayNumber;

    private static decimal Paid(InvoiceHistory history, DateOnly until) => history.Payments.Where(p => p.PaidOn <= until).Sum(p => p.Amount.Amount);
}
