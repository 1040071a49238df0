using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Receivables;
using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage.Budgets;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Storage.Warnings;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary>
/// Reads what the dashboard shows: every customer's receivables summary (<see cref="ReceivableSummaries"/>, brought up
/// to date first), added up by the domain (<see cref="ReceivablesPosition"/>) in the chosen currency, the credit book, and the names of
/// the customers it lists (from the credit book's reading of every customer); and the dashboard's tables as files (<see cref="ExportAsync"/>).
/// </summary>
internal sealed class ReceivablesDashboard(
    ReceivableSummaries summaries, CreditBookReadings books, WarningStore warnings, CaseStore cases, SalesBudgetStore budgets, IOptions<DashboardOptions> options, TimeProvider clock)
{
    /// <summary>The tables <see cref="ExportAsync"/> writes, as their names appear in the address.</summary>
    public static readonly IReadOnlyList<string> Tables = ["aging", "aging-by-customer", "risk-classes", "months", "credit-book", "budget"];

    /// <param name="currency">The currency asked for; null or one nothing is owed or granted in shows the one most is owed in.</param>
    public async Task<DashboardView> ReadAsync(string? currency, CancellationToken cancellationToken)
    {
        var book = await books.ReadAsync(cancellationToken);
        var (position, currencies, stillCounting) = await PositionAsync(currency, book, cancellationToken);
        var settings = options.Value;
        var overdue = Overdue(position).Take(settings.TopCustomers).ToList();
        var names = book.Names;
        var most = overdue.Select(x => new OverdueCustomer(x.Row.Key, names.GetValueOrDefault(x.Row.Key, x.Row.Key), x.Row, x.Overdue)).ToList();
        return new DashboardView(position, await KpisAsync(position, cancellationToken), currencies, most, settings)
        {
            StillCounting = stillCounting,
            Budget = Budget(position, await budgets.TotalsAsync(cancellationToken)),
            Book = Book(book, position.Currency),
            BookReadAt = book.ReadAt,
            BookNames = book.Names,
        };
    }

    /// <summary>One of the dashboard's <see cref="Tables"/> in full (every customer, not the first ten); null for an unknown table.</summary>
    public async Task<ExportTable?> ExportAsync(string table, string? currency, CancellationToken cancellationToken)
    {
        if (!Tables.Contains(table))
        {
            return null;
        }

        var reading = await books.ReadAsync(cancellationToken);
        var (p, _, _) = await PositionAsync(currency, reading, cancellationToken);
        var code = p.Currency.Code;
        var name = $"{table}-{code}-{Figures.Iso(p.Today)}";
        switch (table)
        {
            case "aging":
                return new ExportTable(name, ["Days past due", "Amount", "Currency", "Share"],
                    p.Aging.Buckets.Select((bucket, i) => new object?[] { bucket, p.Aging.Total.Amounts[i].Amount, code, Share(p.Aging.Total.Amounts[i], p.Open) }).ToList());
            case "aging-by-customer":
                var names = reading.Names;
                return new ExportTable(name, ["Customer id", "Customer", .. p.Aging.Buckets, "Total", "Currency"],
                    p.Aging.ByCustomer.Select(r => (object?[])[r.Key, names.GetValueOrDefault(r.Key, r.Key), .. r.Amounts.Select(a => (object?)a.Amount), r.Total.Amount, code]).ToList());
            case "risk-classes":
                return new ExportTable(name, ["Class", "Invoices", "Amount", "Currency", "Share"],
                    new[] { ReceivableClass.A, ReceivableClass.B, ReceivableClass.C }
                        .Select(c => new object?[] { c.ToString(), p.Abc.Items.Count(i => i.Class == c), p.Abc.AmountOf(c).Amount, code, p.Abc.Total.Amount == 0m ? null : p.Abc.ShareOf(c) }).ToList());
            case "credit-book":
                var book = Book(reading, p.Currency);
                var within = book.Reconciliation?.Limits.ToDictionary(l => l.CustomerId, l => l.Proposed.Amount, StringComparer.Ordinal);
                var high = book.HighRiskClasses.ToHashSet();
                return new ExportTable(name, ["Customer id", "Customer", "Industry", "Class", "High risk", "Status", "Limit", "Exposure", "Limit within the total line", "Currency"],
                    reading.Customers
                        .Where(c => c.LimitIn(p.Currency) is not null || c.Exposure?.Currency == p.Currency)
                        .OrderByDescending(c => c.Exposure?.Currency == p.Currency ? c.Exposure.Value.Amount : 0m)
                        .ThenBy(c => c.CustomerId, StringComparer.Ordinal)
                        .Select(c => new object?[]
                        {
                            c.CustomerId, reading.Names.GetValueOrDefault(c.CustomerId, c.CustomerId), c.Industry, c.Class?.ToString(), c.Class is { } k && high.Contains(k) ? "yes" : "no",
                            c.Status is { } status ? WorklistText.Words(status) : null,
                            c.LimitIn(p.Currency)?.Amount,
                            c.Exposure?.Currency == p.Currency ? c.Exposure.Value.Amount : null,
                            within is not null && within.TryGetValue(c.CustomerId, out var scaled) ? scaled : null, code,
                        }).ToList());
            case "budget":
                // Beside each budgeted month, what happened in it: none for the months still ahead.
                var actual = p.Months.ToDictionary(m => m.Start);
                return new ExportTable(name, ["Month", "Sales budget", "Invoiced", "Collection budget", "Collected", "Receivables budget", "Of which overdue", "Receivables", "Currency"],
                    Budget(p, await budgets.TotalsAsync(cancellationToken)).Select(b => new object?[]
                    {
                        b.Start, b.Sales.Amount, actual.GetValueOrDefault(b.Start)?.Invoiced.Amount, b.Collection.Amount, actual.GetValueOrDefault(b.Start)?.Collected.Amount,
                        b.Owed.Amount, b.Overdue.Amount, actual.GetValueOrDefault(b.Start)?.Closing.Amount, code,
                    }).ToList());
            default:
                var badDebt = (await KpisAsync(p, cancellationToken)).Months.ToDictionary(m => m.Start);
                return new ExportTable(name, ["Month", "Invoiced", "Collected", "Owed at month end", $"DSO over {options.Value.DsoMonths} months (days)", "Written off", "Bad-debt rate", "Currency"],
                    p.Months.Select(m => new object?[]
                    {
                        m.Start, m.Invoiced.Amount, m.Collected.Amount, m.Closing.Amount, m.Dso is { } d ? Math.Round(d, 1) : null,
                        badDebt.GetValueOrDefault(m.Start)?.WrittenOff.Amount ?? 0m, badDebt.GetValueOrDefault(m.Start)?.Rate, code,
                    }).ToList());
        }
    }

    /// <returns>
    /// The position, the currencies anything is owed in (then those only granted or used in, which the credit book shows),
    /// and whether some customers' changes are not counted yet.
    /// </returns>
    private async Task<(ReceivablesPosition Position, IReadOnlyList<Currency> Currencies, bool StillCounting)> PositionAsync(
        string? currency, CreditBookReading book, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var today = InvoiceFigures.Today(clock);
        var more = await summaries.UpdateAsync(settings.CatchUpLimit, cancellationToken);
        var (kept, tooShort) = await summaries.ReadAsync(today, cancellationToken);

        var currencies = kept
            .GroupBy(s => s.Currency)
            .OrderByDescending(g => g.Sum(s => s.Open.Sum(o => o.Invoice.Open.Amount)))
            .ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();
        currencies.AddRange(book.Currencies.Except(currencies).OrderBy(c => c.Code, StringComparer.Ordinal));
        var chosen = currencies.FirstOrDefault(c => string.Equals(c.Code, currency, StringComparison.OrdinalIgnoreCase));
        if (chosen == default)
        {
            chosen = currencies.Count > 0 ? currencies[0] : new Currency(settings.Currency);
        }

        return (ReceivablesPosition.Of(kept, chosen, today, AgingBuckets.Default, AbcPolicy.Default, settings.Months, settings.DsoMonths), currencies, more || tooShort > 0);
    }

    /// <summary>
    /// The team's KPIs: write-offs are the closed legal cases' (closed when last heard of), warnings every one raised,
    /// special collection the open invoices whose ladder reached that step.
    /// </summary>
    private async Task<TeamKpis> KpisAsync(ReceivablesPosition position, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var writeOffs = (await cases.ListEveryAsync(CaseStatus.WrittenOff, cancellationToken: cancellationToken))
            .Concat(await cases.ListEveryAsync(CaseStatus.Settled, cancellationToken: cancellationToken))
            .Where(c => c.Case.WrittenOff is { Amount: > 0m })
            .Select(c => new WriteOff(DateOnly.FromDateTime(c.Case.LastHeardAt.UtcDateTime), c.Case.WrittenOff!.Value));
        var raised = (await warnings.ListAsync(cancellationToken: cancellationToken))
            .Concat(await warnings.ListAsync(answered: true, cancellationToken: cancellationToken))
            .Select(w => new RaisedWarning(w.CustomerId, w.RaisedAt, w.Answer?.At));
        return TeamKpis.Build(
            position, writeOffs, raised, position.InSpecialCollection,
            TimeSpan.FromHours(settings.WarningResponseHours), TimeSpan.FromDays(settings.WarningResponseWindowDays), TimeSpan.FromDays(settings.NewRiskWindowDays));
    }

    /// <summary>
    /// The receivable budget in the position's currency from the company's budgeted sales, over the position's months and
    /// <see cref="DashboardOptions.BudgetMonthsAhead"/> more; empty when nothing is budgeted in that currency.
    /// </summary>
    private IReadOnlyList<BudgetedMonth> Budget(ReceivablesPosition position, IReadOnlyList<BudgetedSales> totals)
    {
        var settings = options.Value;
        var sales = totals.Where(t => t.Sales.Currency == position.Currency).ToDictionary(t => t.Month, t => t.Sales);
        return sales.Count == 0
            ? []
            : ReceivableBudget.Build(
                sales, position.Currency, new BudgetAssumptions(settings.BudgetDaysToCollect, settings.BudgetOverdueShare),
                position.Months[0].Start, position.ThisMonth.Start.AddMonths(settings.BudgetMonthsAhead));
    }

    /// <summary>The credit book of <paramref name="reading"/> in <paramref name="currency"/>, against the configured total line.</summary>
    private CreditBook Book(CreditBookReading reading, Currency currency)
    {
        var settings = options.Value;
        var line = settings.TotalCreditLine is { } total ? new Money(total, new Currency(settings.TotalCreditLineCurrency)) : (Money?)null;
        return CreditBook.Of(reading.Customers, currency, line, settings.HighRisk());
    }

    /// <summary>The customers with something overdue, most first.</summary>
    private static IEnumerable<(AgingRow Row, Money Overdue)> Overdue(ReceivablesPosition position) =>
        position.Aging.ByCustomer
            .Select(row => (Row: row, Overdue: row.Amounts.Skip(1).Aggregate(Money.Zero(position.Currency), (sum, a) => sum + a)))
            .Where(x => x.Overdue.Amount > 0m)
            .OrderByDescending(x => x.Overdue.Amount)
            .ThenBy(x => x.Row.Key, StringComparer.Ordinal);

    private static decimal? Share(Money part, Money whole) => whole.Amount == 0m ? null : part.Amount / whole.Amount;
}
