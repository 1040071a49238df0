using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Domain.Receivables;

/// <summary>
/// One customer's receivables in one currency, boiled down to what the receivables position adds up: its open invoices,
/// its last months (invoiced, collected, owed at each month's end) and what fell due lately and how much of it was paid
/// in time. Kept per customer as its invoices change, so that the position of thousands of customers is a sum of
/// summaries rather than a pass over every invoice (<see cref="ReceivablesPosition.Of"/>).
/// </summary>
/// <remarks>
/// Nothing in it depends on the day it is read: a summary taken on <see cref="AsOf"/> holds on every later day until an
/// invoice of the customer changes (which is when it is taken again). An open invoice grows older by itself, and
/// a month after <see cref="AsOf"/> closes with what was owed at <see cref="AsOf"/>.
/// </remarks>
/// <param name="CustomerId">Whose.</param>
/// <param name="Currency">The currency of every amount (a customer billed in two has two summaries).</param>
/// <param name="AsOf">The day it was taken.</param>
/// <param name="Open">The invoices still owed on, as they stood.</param>
/// <param name="FirstMonth">The first day of the first of <paramref name="Months"/>.</param>
/// <param name="Months">One per month from <paramref name="FirstMonth"/> to the month of <paramref name="AsOf"/>.</param>
/// <param name="Due">What fell due on each day of the on-time window before <paramref name="AsOf"/>, and on every later day.</param>
public sealed record CustomerReceivables(
    string CustomerId,
    Currency Currency,
    DateOnly AsOf,
    IReadOnlyList<OpenReceivable> Open,
    DateOnly FirstMonth,
    IReadOnlyList<CustomerMonth> Months,
    IReadOnlyList<FallingDue> Due)
{
    /// <summary>
    /// The summary of the customer's <paramref name="histories"/> in <paramref name="currency"/> (others are left out),
    /// taken on <paramref name="asOf"/>, keeping <paramref name="monthsKept"/> months back from it.
    /// </summary>
    /// <param name="customerId">Whose.</param>
    /// <param name="currency">Which of its currencies.</param>
    /// <param name="histories">Its invoices with their payments and disputes.</param>
    /// <param name="inSpecialCollection">The invoices whose dunning reached special collection.</param>
    /// <param name="asOf">Today.</param>
    /// <param name="monthsKept">Months kept, the current one included: the most a position will ask for (its months and its DSO period).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="monthsKept"/> is below 1.</exception>
    public static CustomerReceivables Of(
        string customerId, Currency currency, IEnumerable<InvoiceHistory> histories, IReadOnlySet<string> inSpecialCollection, DateOnly asOf, int monthsKept)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(inSpecialCollection);
        ArgumentOutOfRangeException.ThrowIfLessThan(monthsKept, 1);
        var all = histories.Where(h => h.Invoice.Amount.Currency == currency).ToList();
        var zero = Money.Zero(currency);

        var open = all
            .Where(h => h.Invoice.IsOpen)
            .OrderBy(h => h.Invoice.InvoiceId, StringComparer.Ordinal)
            .Select(h => new OpenReceivable(h.Invoice, h.Disputes.Any(d => d.ClosedOn is null), inSpecialCollection.Contains(h.Invoice.InvoiceId)))
            .ToList();

        var first = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-(monthsKept - 1));
        var months = new List<CustomerMonth>(monthsKept);
        for (var start = first; start <= asOf; start = start.AddMonths(1))
        {
            var end = start.AddMonths(1).AddDays(-1);
            months.Add(new CustomerMonth(
                Sum(all.Where(h => h.Invoice.IssueDate >= start && h.Invoice.IssueDate <= end).Select(h => h.Invoice.Amount), zero),
                Sum(all.SelectMany(h => h.Payments).Where(p => p.PaidOn >= start && p.PaidOn <= end).Select(p => p.Amount), zero),
                BalanceAt(all, end, zero)));
        }

        var due = all
            .Where(h => h.Invoice.DueDate > asOf.AddDays(-ReceivablesPosition.OnTimeWindowDays))
            .GroupBy(h => h.Invoice.DueDate)
            .OrderBy(g => g.Key)
            .Select(g => new FallingDue(
                g.Key,
                Sum(g.Select(h => h.Invoice.Amount - h.Invoice.Credited), zero),
                Sum(g.Select(h => Money.Min(Sum(h.Payments.Where(p => p.PaidOn <= h.Invoice.DueDate).Select(p => p.Amount), zero), h.Invoice.Amount - h.Invoice.Credited)), zero),
                Sum(g.Select(h => Money.Min(Sum(h.Payments.Select(p => p.Amount), zero), h.Invoice.Amount - h.Invoice.Credited)), zero)))
            .ToList();

        return new CustomerReceivables(customerId, currency, asOf, open, first, months, due);
    }

    /// <summary>What the customer owed at the end of the month starting on <paramref name="monthStart"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The month is before <see cref="FirstMonth"/>: it was not kept.</exception>
    public Money OwedAtEndOf(DateOnly monthStart) => MonthOf(monthStart)?.Closing ?? (Months.Count > 0 ? Months[^1].Closing : Money.Zero(Currency));

    /// <summary>Invoiced in the month starting on <paramref name="monthStart"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The month is before <see cref="FirstMonth"/>: it was not kept.</exception>
    public Money InvoicedIn(DateOnly monthStart) => MonthOf(monthStart)?.Invoiced ?? Money.Zero(Currency);

    /// <summary>Invoiced from the month starting on <paramref name="monthStart"/> through the summary's day; from the first kept month when it is earlier.</summary>
    public Money InvoicedSince(DateOnly monthStart) =>
        Months.Where((_, i) => FirstMonth.AddMonths(i) >= monthStart).Aggregate(Money.Zero(Currency), (sum, m) => sum + m.Invoiced);

    /// <summary>Collected in the month starting on <paramref name="monthStart"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The month is before <see cref="FirstMonth"/>: it was not kept.</exception>
    public Money CollectedIn(DateOnly monthStart) => MonthOf(monthStart)?.Collected ?? Money.Zero(Currency);

    /// <summary>The kept month, or null for a month after the last kept one (nothing happened in it).</summary>
    private CustomerMonth? MonthOf(DateOnly monthStart)
    {
        var index = (monthStart.Year - FirstMonth.Year) * 12 + monthStart.Month - FirstMonth.Month;
        if (index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(monthStart), monthStart, $"Months before {FirstMonth} were not kept for customer {CustomerId}.");
        }

        return index < Months.Count ? Months[index] : null;
    }

    /// <summary>What was owed at the end of <paramref name="day"/>: issued by then, less what was paid by then and credited.</summary>
    private static Money BalanceAt(List<InvoiceHistory> all, DateOnly day, Money zero)
    {
        var owed = zero;
        foreach (var h in all.Where(h => h.Invoice.IssueDate <= day))
        {
            var paid = Sum(h.Payments.Where(p => p.PaidOn <= day).Select(p => p.Amount), zero);
            owed += Money.Max(h.Invoice.Amount - h.Invoice.Credited - paid, zero);
        }

        return owed;
    }

    private static Money Sum(IEnumerable<Money> amounts, Money zero) => amounts.Aggregate(zero, (sum, m) => sum + m);
}

/// <summary>An invoice still owed on, as a <see cref="CustomerReceivables"/> keeps it.</summary>
/// <param name="Invoice">The invoice with what was credited and paid.</param>
/// <param name="Disputed">A dispute about it is not yet resolved.</param>
/// <param name="InSpecialCollection">Its dunning reached special collection.</param>
public sealed record OpenReceivable(Invoice Invoice, bool Disputed, bool InSpecialCollection);

/// <summary>One month of a customer's receivables.</summary>
/// <param name="Invoiced">Invoiced in the month.</param>
/// <param name="Collected">Paid in the month.</param>
/// <param name="Closing">Owed at its end (for the month of the summary's day: owed then).</param>
public sealed record CustomerMonth(Money Invoiced, Money Collected, Money Closing);

/// <summary>What falls (or fell) due on one day: owed (less credit notes), the part of it paid by that day, and the part paid so far.</summary>
public sealed record FallingDue(DateOnly On, Money Owed, Money PaidInTime, Money Paid);
