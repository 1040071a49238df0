using CreditFlow.Domain.Receivables;
using CreditFlow.Host.Receivables;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Receivables;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary>
/// Keeps each customer's receivables summarised as its invoices change (<see cref="CustomerReceivables"/> in
/// <see cref="CustomerReceivablesStore"/>), so that the dashboard adds up a row per customer instead of reading every
/// invoice: every write to an invoice marks its customer changed, and <see cref="UpdateAsync"/> summarises the marked
/// customers again from their invoices. <see cref="ReceivableSummaryUpdates"/> calls it in the background and the
/// dashboard before it reads, so what it shows is never older than the request.
/// </summary>
internal sealed partial class ReceivableSummaries(
    DunningStore invoices, CustomerReceivablesStore summaries, IOptions<DashboardOptions> options, TimeProvider clock, ILogger<ReceivableSummaries> logger)
{
    /// <summary>The ladder's step from which an invoice is in special collection (docs/domain.md: about 60 days overdue).</summary>
    private const string SpecialCollectionStep = "special-collection";

    private const int RequestParallelism = 8;

    // One update at a time in a process: the background one and a dashboard request's would summarise the same customers.
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool shapeChecked;

    /// <summary>
    /// How the summaries must be built for the dashboard's settings, and for ranking the core customers by the sales of
    /// their last years (<see cref="Customers.CoreCustomerLines"/>): the longer of the two.
    /// </summary>
    public SummaryShape Shape => new(
        Math.Max(ReceivablesPosition.MonthsKept(options.Value.Months, options.Value.DsoMonths), Customers.CoreCustomerLines.Policy.Years * 12),
        ReceivablesPosition.OnTimeWindowDays);

    /// <summary>
    /// Summarises up to <paramref name="max"/> of the customers whose invoices changed since they last were, 8 at once:
    /// for a request, whose reader waits.
    /// </summary>
    /// <returns>True when more are left than <paramref name="max"/>.</returns>
    public Task<bool> UpdateAsync(int max, CancellationToken cancellationToken) => SummariseChangedAsync(max, RequestParallelism, cancellationToken);

    /// <summary>
    /// Summarises up to <paramref name="max"/> of the customers whose invoices changed, <see cref="DashboardOptions.SummaryBackgroundParallelism"/>
    /// at once: in the background, where nobody waits and the storage is better left to bookings and the workflows.
    /// </summary>
    /// <returns>True when more are left than <paramref name="max"/>.</returns>
    public Task<bool> UpdateInBackgroundAsync(int max, CancellationToken cancellationToken) =>
        SummariseChangedAsync(max, options.Value.SummaryBackgroundParallelism, cancellationToken);

    private async Task<bool> SummariseChangedAsync(int max, int parallelism, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!shapeChecked)
            {
                await CheckShapeAsync(cancellationToken);
                shapeChecked = true;
            }

            var changed = await invoices.ChangedCustomersAsync(max + 1, cancellationToken);
            await Parallel.ForEachAsync(
                changed.Take(max), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, SummariseAsync);
            return changed.Count > max;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Every summary that can be read as of <paramref name="today"/>; those kept too short (built for other settings, not yet built again) are left out and counted.</summary>
    public async Task<(IReadOnlyList<CustomerReceivables> Usable, int TooShort)> ReadAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var needed = new DateOnly(today.Year, today.Month, 1).AddMonths(-(ReceivablesPosition.MonthsKept(settings.Months, settings.DsoMonths) - 1));
        var all = await summaries.ListAsync(cancellationToken);
        var usable = all.Where(s => s.FirstMonth <= needed).ToList();
        return (usable, all.Count - usable.Count);
    }

    private async ValueTask SummariseAsync(ChangedCustomer mark, CancellationToken cancellationToken)
    {
        var records = await invoices.ListAllAsync(mark.CustomerId, cancellationToken);
        var today = InvoiceFigures.Today(clock);
        var special = records.Where(r => r.Steps.Any(s => s.Code == SpecialCollectionStep)).Select(r => r.InvoiceId).ToHashSet(StringComparer.Ordinal);
        var histories = records.Select(r => r.History).ToList();
        var kept = records
            .Select(r => r.Amount.Currency)
            .Distinct()
            .Select(currency => CustomerReceivables.Of(mark.CustomerId, currency, histories, special, today, Shape.MonthsKept))
            .ToList();
        await summaries.SaveAsync(mark.CustomerId, kept, cancellationToken);
        if (await invoices.ClearChangedAsync(mark, cancellationToken) == ClearedMark.Gone)
        {
            // Another process summarised the customer meanwhile, perhaps from newer invoices than these, and this
            // summary may have overwritten its: mark the customer again so the next update settles it.
            await invoices.MarkChangedAsync(mark.CustomerId, cancellationToken);
        }
    }

    /// <summary>Marks every customer with invoices when the summaries were never built, or built for other settings.</summary>
    private async Task CheckShapeAsync(CancellationToken cancellationToken)
    {
        var wanted = Shape;
        if (await summaries.ShapeAsync(cancellationToken) == wanted)
        {
            return;
        }

        var marked = 0;
        await foreach (var customerId in invoices.CustomersWithInvoicesAsync(cancellationToken))
        {
            await invoices.MarkChangedAsync(customerId, cancellationToken);
            marked++;
        }

        // Recorded only once every customer is marked: a crash before it marks them all again at the next start.
        await summaries.SaveShapeAsync(wanted, cancellationToken);
        LogRebuilding(logger, marked, wanted.MonthsKept);
    }

    [LoggerMessage(EventId = 9301, Level = LogLevel.Information, Message = "Receivables summaries are built anew: {Customers} customers marked, {MonthsKept} months kept")]
    private static partial void LogRebuilding(ILogger logger, int customers, int monthsKept);
}
