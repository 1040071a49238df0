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
    /// left out) on <paramref name="today"/>, with <paramref name="months"/> months of history: each customer's
    /// invoices summarised (<see cref="CustomerReceivables.Of"/>) and the summaries added up.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> or <paramref name="dsoMonths"/> is below 1.</exception>
    public static ReceivablesPosition Build(
        IEnumerable<InvoiceHistory> histories, Currency currency, DateOnly today, AgingBuckets buckets, AbcPolicy abc, int months = 12, int dsoMonths = 3)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dsoMonths, 1);
        var summaries = histories
            .GroupBy(h => h.Invoice.CustomerId, StringComparer.Ordinal)
            .Select(g => CustomerReceivables.Of(g.Key, currency, g, new HashSet<string>(), today, MonthsKept(months, dsoMonths)));
        return Of(summaries, currency, today, buckets, abc, months, dsoMonths);
    }

    /// <summary>The months a <see cref="CustomerReceivables"/> must keep for a position of <paramref name="months"/> months and a DSO period of <paramref name="dsoMonths"/>.</summary>
    public static int MonthsKept(int months, int dsoMonths) => months + dsoMonths;

    /// <summary>
    /// The position of the customers' <paramref name="receivables"/> in <paramref name="currency"/> (summaries in other
    /// currencies are left out) on <paramref name="today"/>, with <paramref name="months"/> months of history.
    /// </summary>
    /// <remarks>
    /// A month's receivable balances are rebuilt from the invoices: an invoice counts from its issue date, less the
    /// payments made by then and its credit notes (which carry no date here, so they count from the start). A month's DSO
    /// is taken over the <paramref name="dsoMonths"/> months ending with it (average of the opening and the month-end
    /// balances, over the invoiced — credit — sales of those months, times their days): one month's sales alone swing
    /// with a single large invoice.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="months"/> or <paramref name="dsoMonths"/> is below 1, or a summary did not keep the months asked for
    /// (<see cref="MonthsKept"/>).
    /// </exception>
    public static ReceivablesPosition Of(
        IEnumerable<CustomerReceivables> receivables, Currency currency, DateOnly today, AgingBuckets buckets, AbcPolicy abc, int months = 12, int dsoMonths = 3)
    {
        ArgumentNullException.ThrowIfNull(receivables);
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(abc);
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dsoMonths, 1);
        var all = receivables.Where(r => r.Currency == currency).ToList();
        var open = all.SelectMany(r => r.Open).ToList();
        var overdue = open.Where(o => o.Invoice.DaysOverdue(today) > 0).ToList();

        return new ReceivablesPosition(
            currency,
            today,
            Sum(open.Select(o => o.Invoice.Open), currency),
            Sum(overdue.Select(o => o.Invoice.Open), currency),
            open.Count,
            open.Select(o => o.Invoice.CustomerId).Distinct(StringComparer.Ordinal).Count(),
            overdue.Select(o => o.Invoice.CustomerId).Distinct(StringComparer.Ordinal).Count(),
            open.Count(o => o.Disputed),
            AgingReport.Build(buckets, open.Select(o => o.Invoice), currency, today),
            AbcClassification.Classify(abc, open.Select(o => o.Invoice), currency, today),
            LastMonths(all, currency, today, months, dsoMonths),
            OnTime(all, currency, today))
        {
            InSpecialCollection = Sum(open.Where(o => o.InSpecialCollection).Select(o => o.Invoice.Open), currency),
            DueThisMonth = Sum(DueIn(all, today).Select(d => d.Owed), currency),
            CollectedOfDueThisMonth = Sum(DueIn(all, today).Select(d => d.Paid), currency),
        };
    }

    /// <summary>Owed on the open invoices whose dunning reached special collection.</summary>
    public Money InSpecialCollection { get; init; } = Money.Zero(Currency);

    /// <summary>What falls due in the month of <see cref="Today"/> (on its past and its coming days), less credit notes.</summary>
    public Money DueThisMonth { get; init; } = Money.Zero(Currency);

    /// <summary>Of <see cref="DueThisMonth"/>, what has been paid so far: the month's collection progress.</summary>
    public Money CollectedOfDueThisMonth { get; init; } = Money.Zero(Currency);

    /// <summary><see cref="CollectedOfDueThisMonth"/> over <see cref="DueThisMonth"/>; null when nothing falls due this month.</summary>
    public decimal? CollectionProgress => DueThisMonth.Amount == 0m ? null : CollectedOfDueThisMonth.Amount / DueThisMonth.Amount;

    private static List<MonthOfReceivables> LastMonths(List<CustomerReceivables> all, Currency currency, DateOnly today, int months, int dsoMonths)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-(months - 1));
        var result = new List<MonthOfReceivables>(months);
        for (var start = first; start <= today; start = start.AddMonths(1))
        {
            var month = start;
            var invoiced = Sum(all.Select(r => r.InvoicedIn(month)), currency);
            var collected = Sum(all.Select(r => r.CollectedIn(month)), currency);

            // DSO over the months of the DSO period ending with this one: the opening balance and each month's closing one.
            var from = start.AddMonths(-(dsoMonths - 1));
            var balances = new List<Money> { Sum(all.Select(r => r.OwedAtEndOf(from.AddMonths(-1))), currency) };
            var sales = Money.Zero(currency);
            for (var m = from; m <= start; m = m.AddMonths(1))
            {
                var current = m;
                balances.Add(Sum(all.Select(r => r.OwedAtEndOf(current)), currency));
                sales += Sum(all.Select(r => r.InvoicedIn(current)), currency);
            }

            var last = Min(start.AddMonths(1).AddDays(-1), today);
            var dso = ReceivableTurnover.Compute(from, last, balances, sales, sales).Dso;
            result.Add(new MonthOfReceivables(start, invoiced, collected, balances[^1], dso));
        }

        return result;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>What falls due in the month of <paramref name="today"/>.</summary>
    private static IEnumerable<FallingDue> DueIn(List<CustomerReceivables> all, DateOnly today)
    {
        var start = new DateOnly(today.Year, today.Month, 1);
        var end = start.AddMonths(1).AddDays(-1);
        return all.SelectMany(r => r.Due).Where(d => d.On >= start && d.On <= end);
    }

    private static decimal? OnTime(List<CustomerReceivables> all, Currency currency, DateOnly today)
    {
        var from = today.AddDays(-OnTimeWindowDays);
        var due = all.SelectMany(r => r.Due).Where(d => d.On > from && d.On <= today).ToList();
        var owed = Sum(due.Select(d => d.Owed), currency);
        return owed.Amount <= 0m ? null : Sum(due.Select(d => d.PaidInTime), currency).Amount / owed.Amount;
    }

    private static Money Sum(IEnumerable<Money> amounts, Currency currency) => amounts.Aggregate(Money.Zero(currency), (sum, m) => sum + m);
}
