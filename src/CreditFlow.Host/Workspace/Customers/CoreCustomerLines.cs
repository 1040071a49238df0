using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Host.Receivables;
using CreditFlow.Host.Workspace.Dashboard;
using CreditFlow.Storage.Receivables;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>
/// Where the core customers end, per currency (<see cref="CoreCustomerLine"/>): every customer ranked by what it was
/// invoiced over the last <see cref="CoreCustomerPolicy.Years"/> years, read from the receivables summaries (which keep
/// that many months, <see cref="ReceivableSummaries.Shape"/>) and reused like the credit book, so a customer page tells
/// whether its customer is core from its own invoices and one small reading. A reading older than a minute is read
/// again behind the page that found it (which shows the one it has): reading every summary costs what a dashboard
/// request does, more than a customer page may take.
/// </summary>
internal sealed partial class CoreCustomerLines
{
    private readonly ReceivableSummaries summaries;
    private readonly CustomerReceivablesStore kept;
    private readonly IOptions<DashboardOptions> options;
    private readonly TimeProvider clock;
    private readonly ReusedReading<IReadOnlyDictionary<Currency, CoreCustomerLine>> reading;

    public CoreCustomerLines(ReceivableSummaries summaries, CustomerReceivablesStore kept, IOptions<DashboardOptions> options, TimeProvider clock, ILogger<CoreCustomerLines> logger)
    {
        (this.summaries, this.kept, this.options, this.clock) = (summaries, kept, options, clock);
        reading = new(ReadAnewAsync, () => TimeSpan.FromSeconds(options.Value.CreditBookSeconds), clock, e => LogReadingFailed(logger, e));
    }

    /// <summary>The rules: the shipped core-customer policy (years ranked, the cumulative-sales line).</summary>
    public static CoreCustomerPolicy Policy => CoreCustomerPolicy.Default;

    /// <summary>The first day of the window ranked, on <paramref name="today"/>: the months of the last <see cref="CoreCustomerPolicy.Years"/> years, this one included.</summary>
    public static DateOnly WindowStart(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(-(Policy.Years * 12 - 1));

    /// <summary>The line in each currency anything was invoiced in over the window.</summary>
    public Task<IReadOnlyDictionary<Currency, CoreCustomerLine>> ReadAsync(CancellationToken cancellationToken) => reading.ReadAsync(cancellationToken);

    private async Task<IReadOnlyDictionary<Currency, CoreCustomerLine>> ReadAnewAsync(CancellationToken cancellationToken)
    {
        // As the dashboard does: the changes the background has not summarised yet first, as many as a request may.
        await summaries.UpdateAsync(options.Value.CatchUpLimit, cancellationToken);
        var from = WindowStart(InvoiceFigures.Today(clock));
        var lines = new Dictionary<Currency, CoreCustomerLine>();
        foreach (var currency in (await kept.ListAsync(cancellationToken)).GroupBy(s => s.Currency))
        {
            var ranking = CoreCustomers.RankBySales(Policy, currency.Select(s => (s.CustomerId, s.InvoicedSince(from))), [], currency.Key);
            if (CoreCustomerLine.Of(ranking, currency.Key) is { } line)
            {
                lines[currency.Key] = line;
            }
        }

        return lines;
    }

    [LoggerMessage(EventId = 9303, Level = LogLevel.Warning, Message = "Could not rank the core customers again; the customer pages keep the last ranking until the next one")]
    private static partial void LogReadingFailed(ILogger logger, Exception exception);
}
