using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>
/// The receivable budget (docs/domain.md "Receivable analysis"): from the sales budget per month, with an assumed
/// number of days it takes to turn a sale into cash and an assumed share of what is owed that will be overdue, what
/// should be collected each month and what should be owed at each month's end — to set beside what happened.
/// </summary>
/// <remarks>
/// A month's sales are collected <see cref="BudgetAssumptions.DaysToCollect"/> days later, spread over the months that
/// lag falls between: with 45 days, half in the next month and half in the one after. What is owed at a month's end
/// is the budgeted sales so far less the budgeted collection so far (the budget starts from nothing owed).
/// </remarks>
public static class ReceivableBudget
{
    /// <summary>The budget for the months from <paramref name="first"/> to <paramref name="last"/> (first days of months).</summary>
    /// <param name="sales">Budgeted sales by the first day of their month; months not listed budget nothing.</param>
    /// <param name="currency">The currency of every amount.</param>
    /// <param name="assumptions">Days to collect and the overdue share.</param>
    /// <param name="first">The first month shown.</param>
    /// <param name="last">The last month shown.</param>
    /// <exception cref="CurrencyMismatchException">A budgeted amount is not in <paramref name="currency"/>.</exception>
    public static IReadOnlyList<BudgetedMonth> Build(
        IReadOnlyDictionary<DateOnly, Money> sales, Currency currency, BudgetAssumptions assumptions, DateOnly first, DateOnly last)
    {
        ArgumentNullException.ThrowIfNull(sales);
        ArgumentNullException.ThrowIfNull(assumptions);
        var zero = Money.Zero(currency);
        Money SalesIn(DateOnly month) => sales.TryGetValue(month, out var s) ? zero + s : zero;

        // The lag in months, split between the whole months it spans and the fraction of the next.
        var lag = assumptions.DaysToCollect / 30m;
        var whole = (int)Math.Floor(lag);
        var part = lag - whole;
        Money CollectedIn(DateOnly month) =>
            (SalesIn(month.AddMonths(-whole)) * (1m - part) + SalesIn(month.AddMonths(-whole - 1)) * part).Rounded();

        // What is owed at a month's end counts every budgeted month before the first shown.
        var start = sales.Count == 0 ? first : Min(sales.Keys.Min(), first);
        var owed = zero;
        var months = new List<BudgetedMonth>();
        for (var month = start; month <= last; month = month.AddMonths(1))
        {
            var collected = CollectedIn(month);
            owed = owed + SalesIn(month) - collected;
            if (month >= first)
            {
                months.Add(new BudgetedMonth(month, SalesIn(month), collected, owed, (owed * assumptions.OverdueShare).Rounded()));
            }
        }

        return months;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

/// <summary>What the receivable budget assumes (<c>Budget__DaysToCollect</c>, <c>Budget__OverdueShare</c>).</summary>
/// <param name="DaysToCollect">Days from a sale to its cash.</param>
/// <param name="OverdueShare">The share of what is owed expected to be overdue.</param>
public sealed record BudgetAssumptions(int DaysToCollect, decimal OverdueShare);

/// <summary>One month of the receivable budget.</summary>
/// <param name="Start">Its first day.</param>
/// <param name="Sales">Budgeted sales.</param>
/// <param name="Collection">Budgeted collection.</param>
/// <param name="Owed">Budgeted receivables at its end.</param>
/// <param name="Overdue">Of those, the part assumed overdue.</param>
public sealed record BudgetedMonth(DateOnly Start, Money Sales, Money Collection, Money Owed, Money Overdue);
