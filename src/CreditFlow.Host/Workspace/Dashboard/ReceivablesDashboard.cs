using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Receivables;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary>
/// Reads what the dashboard shows: every invoice with its payments and disputes, positioned by the domain
/// (<see cref="ReceivablesPosition"/>) in the chosen currency, and the names of the customers it lists.
/// </summary>
/// <remarks>
/// It reads every invoice on each request: enough for a department's thousands of invoices, not for the 200,000 of the
/// workspace's scale target, which needs the figures kept as invoices change.
/// </remarks>
internal sealed class ReceivablesDashboard(DunningStore invoices, CustomerRepository customers, IOptions<DashboardOptions> options, TimeProvider clock)
{
    private const int PageSize = 1000;

    /// <param name="currency">The currency asked for; null or one nothing is owed in shows the one most is owed in.</param>
    public async Task<DashboardView> ReadAsync(string? currency, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var histories = new List<InvoiceHistory>();
        string? continuation = null;
        do
        {
            (var page, continuation) = await invoices.ListAsync(null, PageSize, continuation, cancellationToken);
            histories.AddRange(page.Select(r => r.History));
        }
        while (continuation is not null);

        var currencies = histories
            .GroupBy(h => h.Invoice.Amount.Currency)
            .OrderByDescending(g => g.Sum(h => h.Invoice.Open.Amount))
            .ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();
        var chosen = currencies.FirstOrDefault(c => string.Equals(c.Code, currency, StringComparison.OrdinalIgnoreCase));
        if (chosen == default)
        {
            chosen = currencies.Count > 0 ? currencies[0] : new Currency(settings.Currency);
        }

        var position = ReceivablesPosition.Build(histories, chosen, InvoiceFigures.Today(clock), AgingBuckets.Default, AbcPolicy.Default, settings.Months, settings.DsoMonths);
        var overdue = position.Aging.ByCustomer
            .Select(row => (Row: row, Overdue: row.Amounts.Skip(1).Aggregate(Money.Zero(chosen), (sum, a) => sum + a)))
            .Where(x => x.Overdue.Amount > 0m)
            .OrderByDescending(x => x.Overdue.Amount)
            .ThenBy(x => x.Row.Key, StringComparer.Ordinal)
            .Take(settings.TopCustomers)
            .ToList();
        var names = await WorklistText.NamesAsync(overdue.Select(x => (string?)x.Row.Key), customers, cancellationToken);
        var most = overdue.Select(x => new OverdueCustomer(x.Row.Key, names.GetValueOrDefault(x.Row.Key, x.Row.Key), x.Row, x.Overdue)).ToList();
        return new DashboardView(position, currencies, most, settings.OnTimeCollectionTarget, settings.DsoMonths);
    }
}
