using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Domain.Receivables;

/// <summary>
/// Where the money is, in one currency, on one day: what is owed and how late, which receivables are at risk, how
/// collection went month by month, and the team's receivable KPIs (docs/domain.md "Receivable analysis"). A pure
/// function of the invoices' histories: the credit workspace's dashboard shows it.
/// </summary>
/// <param name="Currency">The currency of every amount.</param>
/// <param name="Today">The day it is as of.</param>
/// <param name="Open">Owed on every open invoice.</param>
/// <param name="Overdue">The part of <paramref name="Open"/> past its due date.</param>
/// <param name="OpenInvoices">How many invoices are open.</param>
/// <param name="CustomersOwing">Customers with an open invoice.</param>
/// <param name="CustomersPastTerm">Customers with an overdue invoice.</param>
/// <param name="DisputedInvoices">Open invoices with a dispute not yet resolved.</param>
/// <param name="Aging">Aging by customer and in total.</param>
/// <param name="Abc">The open receivables' ABC classes.</param>
/// <param name="Months">The last months, oldest first, the current one last (to today).</param>
/// <param name="OnTimeCollection">Of what fell due in the last <see cref="OnTimeWindowDays"/> days, the share paid by its due date; null when nothing fell due.</param>
public sealed record ReceivablesPosition(
    Currency Currency,
    DateOnly Today,
    Money Open,
    Money Overdue,
    int OpenInvoices,
    int CustomersOwing,
    int CustomersPastTerm,
    int DisputedInvoices,
    AgingReport Aging,
    AbcClassification Abc,
    IReadOnlyList<MonthOfReceivables> Months,
    decimal? OnTimeCollection)
{
    /// <summary>The window of the on-time collection KPI.</summary>
    public const int OnTimeWindowDays = 90;

    /// <summary>The share of the open amount that is overdue; null when nothing is owed.</summary>
    public decimal? OverdueShare => Open.Amount == 0m ? null : Overdue.Amount / Open.Amount;

    /// <summary>The share of owing customers that are past term; null when nobody owes.</summary>
    public decimal? CustomersPastTermShare => CustomersOwing == 0 ? null : (decimal)CustomersPastTerm / CustomersOwing;

    /// <summary>The month of <see cref="Today"/>.</summary>
    public MonthOfReceivables ThisMonth => Months[^1];

    /// <summary>
    /// The position of the <paramref name="histories"/> in <paramref name="currency"/> (invoices in other currencies are
    /// left out) on <paramref name="today"/>, with <paramref name="months"/> months of history.
    /// </summary>
    /// <remarks>
    /// A month's receivable balances are rebuilt from the histories: an invoice counts from its issue date, less the
    /// payments made by then and its credit notes (which carry no date here, so they count from the start). A month's DSO
    /// is taken over the <paramref name="dsoMonths"/> months ending with it (average of the opening and the month-end
    /// balances, over the invoiced — credit — sales of those months, times their days): one month's sales alone swing
    /// with a single large invoice.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> or <paramref name="dsoMonths"/> is below 1.</exception>
    public static ReceivablesPosition Build(
        IEnumerable<InvoiceHistory> histories, Currency currency, DateOnly today, AgingBuckets buckets, AbcPolicy abc, int months = 12, int dsoMonths = 3)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(abc);
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dsoMonths, 1);
        var all = histories.Where(h => h.Invoice.Amount.Currency == currency).ToList();
        var open = all.Where(h => h.Invoice.IsOpen).ToList();
        var overdue = open.Where(h => h.Invoice.DaysOverdue(today) > 0).ToList();

        return new ReceivablesPosition(
            currency,
            today,
            Sum(open.Select(h => h.Invoice.Open), currency),
            Sum(overdue.Select(h => h.Invoice.Open), currency),
            open.Count,
            open.Select(h => h.Invoice.CustomerId).Distinct(StringComparer.Ordinal).Count(),
            overdue.Select(h => h.Invoice.CustomerId).Distinct(StringComparer.Ordinal).Count(),
            open.Count(h => h.Disputes.Any(d => d.ClosedOn is null)),
            AgingReport.Build(buckets, open.Select(h => h.Invoice), currency, today),
            AbcClassification.Classify(abc, open.Select(h => h.Invoice), currency, today),
            LastMonths(all, currency, today, months, dsoMonths),
            OnTime(all, currency, today));
    }

    private static List<MonthOfReceivables> LastMonths(List<InvoiceHistory> all, Currency currency, DateOnly today, int months, int dsoMonths)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-(months - 1));
        var result = new List<MonthOfReceivables>(months);
        for (var start = first; start <= today; start = start.AddMonths(1))
        {
            var last = Min(start.AddMonths(1).AddDays(-1), today);
            var invoiced = Invoiced(all, start, last, currency);
            var collected = Sum(all.SelectMany(h => h.Payments).Where(p => p.PaidOn >= start && p.PaidOn <= last).Select(p => p.Amount), currency);

            // DSO over the months of the DSO period ending with this one: the opening balance and each month's closing one.
            var from = start.AddMonths(-(dsoMonths - 1));
            var balances = new List<Money> { BalanceAt(all, from.AddDays(-1), currency) };
            for (var month = from; month <= last; month = month.AddMonths(1))
            {
                balances.Add(BalanceAt(all, Min(month.AddMonths(1).AddDays(-1), today), currency));
            }

            var sales = Invoiced(all, from, last, currency);
            var dso = ReceivableTurnover.Compute(from, last, balances, sales, sales).Dso;
            result.Add(new MonthOfReceivables(start, invoiced, collected, balances[^1], dso));
        }

        return result;
    }

    private static Money Invoiced(List<InvoiceHistory> all, DateOnly from, DateOnly to, Currency currency) =>
        Sum(all.Where(h => h.Invoice.IssueDate >= from && h.Invoice.IssueDate <= to).Select(h => h.Invoice.Amount), currency);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>What was owed at the end of <paramref name="day"/>: issued by then, less what was paid by then and credited.</summary>
    private static Money BalanceAt(List<InvoiceHistory> all, DateOnly day, Currency currency)
    {
        var owed = Money.Zero(currency);
        foreach (var h in all.Where(h => h.Invoice.IssueDate <= day))
        {
            var paid = Sum(h.Payments.Where(p => p.PaidOn <= day).Select(p => p.Amount), currency);
            owed += Money.Max(h.Invoice.Amount - h.Invoice.Credited - paid, Money.Zero(currency));
        }

        return owed;
    }

    private static decimal? OnTime(List<InvoiceHistory> all, Currency currency, DateOnly today)
    {
        var from = today.AddDays(-OnTimeWindowDays);
        var due = all.Where(h => h.Invoice.DueDate > from && h.Invoice.DueDate <= today).ToList();
        var owed = Sum(due.Select(h => h.Invoice.Amount - h.Invoice.Credited), currency);
        if (owed.Amount <= 0m)
        {
            return null;
        }

        var paidInTime = Sum(due.Select(h => Money.Min(Sum(h.Payments.Where(p => p.PaidOn <= h.Invoice.DueDate).Select(p => p.Amount), currency), h.Invoice.Amount - h.Invoice.Credited)), currency);
        return paidInTime.Amount / owed.Amount;
    }

    private static Money Sum(IEnumerable<Money> amounts, Currency currency) => amounts.Aggregate(Money.Zero(currency), (sum, m) => sum + m);
}
