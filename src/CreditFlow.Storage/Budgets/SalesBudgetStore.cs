using System.Globalization;
using Azure.Data.Tables;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Storage.Budgets;

/// <summary>
/// The sales budget: one row per customer, month and currency in the customer's partition (a budget imported again
/// replaces its months), and the company's total per month and currency in a partition of its own, added up again
/// after each import so that the dashboard reads a dozen rows, not every customer's.
/// </summary>
public sealed class SalesBudgetStore(TableClient table)
{
    private const string TotalPartition = "~total";

    internal TableClient Table => table;

    /// <summary>Sets the customer's budgeted sales for the month starting on <paramref name="month"/>.</summary>
    public async Task SaveAsync(string customerId, DateOnly month, Money sales, CancellationToken cancellationToken = default) =>
        await table.UpsertEntityAsync(Row(TableKeys.Check(customerId, nameof(customerId)), month, sales), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The customer's budgeted sales, by month, in every currency.</summary>
    public async Task<IReadOnlyList<BudgetedSales>> ForCustomerAsync(string customerId, CancellationToken cancellationToken = default) =>
        await ListAsync($"PartitionKey eq {TableKeys.Quote(TableKeys.Check(customerId, nameof(customerId)))}", cancellationToken);

    /// <summary>The company's budgeted sales, by month, in every currency (as last added up).</summary>
    public async Task<IReadOnlyList<BudgetedSales>> TotalsAsync(CancellationToken cancellationToken = default) =>
        await ListAsync($"PartitionKey eq '{TotalPartition}'", cancellationToken);

    /// <summary>Adds every customer's budget up again into the company's totals.</summary>
    public async Task AddUpAsync(CancellationToken cancellationToken = default)
    {
        var all = await ListAsync($"PartitionKey ne '{TotalPartition}'", cancellationToken);
        var totals = all
            .GroupBy(b => (b.Month, b.Sales.Currency))
            .Select(g => (g.Key.Month, Total: g.Aggregate(Money.Zero(g.Key.Currency), (sum, b) => sum + b.Sales)));
        await Task.WhenAll(totals.Select(t => table.UpsertEntityAsync(Row(TotalPartition, t.Month, t.Total), TableUpdateMode.Replace, cancellationToken)));
    }

    private async Task<IReadOnlyList<BudgetedSales>> ListAsync(string filter, CancellationToken cancellationToken)
    {
        var list = new List<BudgetedSales>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(new BudgetedSales(
                e.PartitionKey,
                DateOnly.ParseExact(e.GetString("Month"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                new Money(decimal.Parse(e.GetString("Sales"), CultureInfo.InvariantCulture), new Currency(e.GetString("Currency")))));
        }

        return list;
    }

    private static TableEntity Row(string partition, DateOnly month, Money sales) =>
        new(partition, $"{month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}|{sales.Currency.Code}")
        {
            ["Month"] = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Sales"] = sales.Amount.ToString(CultureInfo.InvariantCulture),
            ["Currency"] = sales.Currency.Code,
        };
}

/// <summary>Budgeted sales of one customer (or of all: <c>~total</c>) in one month.</summary>
/// <param name="CustomerId">Whose.</param>
/// <param name="Month">The month's first day.</param>
/// <param name="Sales">What is budgeted.</param>
public sealed record BudgetedSales(string CustomerId, DateOnly Month, Money Sales);
