using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Domain.Receivables;

/// <summary>
/// A customer's behaviour month by month (docs/domain.md "Receivable analysis": budgeted against actual sales and
/// collection, promised against actual cash): its position's months beside its receivable budget and the cash it
/// promised for each month.
/// </summary>
public static class CustomerBehaviour
{
    /// <summary>The months of <paramref name="position"/>, each with its budget (when there is one) and the cash promised for it.</summary>
    /// <param name="position">The customer's position (its months give what was invoiced and collected).</param>
    /// <param name="histories">Its invoices, whose promises say when cash was promised; a promise without an amount promises what the invoice owed.</param>
    /// <param name="budget">Its receivable budget; empty without a sales budget.</param>
    public static IReadOnlyList<BehaviourMonth> Of(ReceivablesPosition position, IEnumerable<InvoiceHistory> histories, IReadOnlyList<BudgetedMonth> budget)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(budget);
        var currency = position.Currency;
        var promises = histories
            .Where(h => h.Invoice.Amount.Currency == currency)
            .SelectMany(h => h.Promises.Select(p => (Month: new DateOnly(p.PromisedDate.Year, p.PromisedDate.Month, 1), Amount: p.Amount ?? h.Invoice.Amount - h.Invoice.Credited)))
            .GroupBy(p => p.Month)
            .ToDictionary(g => g.Key, g => g.Aggregate(Money.Zero(currency), (sum, p) => sum + p.Amount));
        var budgeted = budget.ToDictionary(b => b.Start);
        return position.Months.Select(m => new BehaviourMonth(
            m.Start,
            budgeted.GetValueOrDefault(m.Start)?.Sales,
            m.Invoiced,
            budgeted.GetValueOrDefault(m.Start)?.Collection,
            m.Collected,
            promises.GetValueOrDefault(m.Start, Money.Zero(currency)))).ToList();
    }
}

/// <summary>One month of a customer's behaviour.</summary>
/// <param name="Start">Its first day.</param>
/// <param name="SalesBudget">Budgeted sales; null without a budget.</param>
/// <param name="Invoiced">Invoiced in it.</param>
/// <param name="CollectionBudget">Budgeted collection; null without a budget.</param>
/// <param name="Collected">Paid in it.</param>
/// <param name="Promised">Cash the customer promised to pay in it.</param>
public sealed record BehaviourMonth(DateOnly Start, Money? SalesBudget, Money Invoiced, Money? CollectionBudget, Money Collected, Money Promised);
