using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Receivables;
using CreditFlow.Host.Security;
using CreditFlow.Host.Workspace.Customers;
using CreditFlow.Host.Workspace.Dashboard;
using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Workspace.Invoices;

/// <summary>
/// The page <c>/credit/invoices</c> (<see cref="InvoicesPage"/>): the invoices dunning follows, across customers, with
/// the filters of <c>GET /api/invoices</c> (<c>customerId</c>, <c>status</c>, <c>overdue</c>, read and applied by the
/// API's own <see cref="InvoiceQuery"/>; the customer also by a part of its name, <see cref="CustomerChoice"/>), the
/// open ones longest overdue first, 50 a page; and
/// <c>/credit/invoices.csv</c> / <c>.xlsx</c>, every invoice the same filters match. For any signed-in credit user.
/// </summary>
/// <remarks>
/// Without a customer or a status the page lists the open invoices, and reads them from the receivables summaries (a
/// row per customer, kept as invoices change, as the dashboard does) and the 50 shown from their records: a book of
/// years of paid invoices is not read on every visit. A customer's invoices, or a status, read the invoices themselves,
/// settled ones included.
/// </remarks>
internal static class InvoicesPageEndpoints
{
    public const string Path = "/credit/invoices";

    public static IEndpointRouteBuilder MapInvoicesPage(this IEndpointRouteBuilder app)
    {
        app.MapWorkspaceGroup(Path).MapGet("", ShowAsync)
            .WithName("InvoicesPage").WithSummary("The invoices followed by dunning, across customers, filtered by customer, status and overdue, a page at a time.");
        app.MapWorkspaceGroup("/credit").MapGet("/invoices.{format}", ExportAsync)
            .WithName("InvoicesExport").WithSummary("Every invoice the invoices page's filters match, as CSV or Excel (xlsx).");
        return app;
    }

    internal static async Task<RazorComponentResult<InvoicesPage>> ShowAsync(
        HttpContext http, DunningStore invoices, ReceivableSummaries summaries, IOptions<DashboardOptions> options, CustomerRepository customers, TimeProvider clock,
        string? customerId, string? status, string? overdue, string? page)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        var errors = new Dictionary<string, string[]>();
        var today = InvoiceFigures.Today(clock);
        var customer = await CustomerChoice.ReadAsync(customerId, customers, cancellationToken);
        var openOnly = customer.Id is null && customer.Candidates.Count == 0 && string.IsNullOrEmpty(status);
        var all = customer.Candidates.Count > 0 ? []
            : openOnly ? await OpenAsync(summaries, options.Value, overdue, today, errors, cancellationToken)
            : (await MatchingAsync(invoices, customer.Id, status, overdue, today, errors, cancellationToken)).Select(Listed.Of).ToList();
        var (paging, pageProblem) = Paging.Read(page, all.Count);
        if (pageProblem is not null)
        {
            errors["page"] = [pageProblem];
        }

        var shown = await RecordsAsync(invoices, paging.Of(all), cancellationToken);
        var names = await WorklistText.NamesAsync(shown.Select(r => r.CustomerId).Append(customer.Id), customers, cancellationToken);
        var filter = Filter(customer.Id, status, overdue);
        return new RazorComponentResult<InvoicesPage>(new
        {
            UserName = user.Name,
            UserRole = WorklistText.Words(user.Role),
            Rows = shown.Select(r => InvoiceRow.From(r, today)).ToList(),
            Paging = paging,
            Errors = errors,
            CustomerText = customerId?.Trim(),
            Customer = customer,
            Status = status,
            Overdue = string.Equals(overdue, "true", StringComparison.OrdinalIgnoreCase),
            Filter = filter,
            Names = names,
            Today = today,
            OpenOnly = openOnly,
            OverdueCount = all.Count(l => l.Invoice.IsOpen && today > l.Invoice.DueDate),
            DisputedCount = all.Count(l => l.Disputed),
            OpenTotals = OpenTotals(all.Select(l => l.Invoice.Open)),
        });
    }

    /// <summary>One invoice as the list counts, orders and pages it; its record when it was read already.</summary>
    private sealed record Listed(Invoice Invoice, bool Disputed, DunningRecord? Record)
    {
        public static Listed Of(DunningRecord record) => new(record.Invoice, InvoiceStanding.IsDisputed(record), record);
    }

    /// <summary>
    /// The open invoices across customers from their receivables summaries (brought up to date first, as the dashboard
    /// does), the longest overdue first; overdue ones only when asked.
    /// </summary>
    private static async Task<List<Listed>> OpenAsync(
        ReceivableSummaries summaries, DashboardOptions settings, string? overdue, DateOnly today, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (InvoiceQuery.Parse(null, null, overdue, pageSize: null, continuation: null, errors) is not { } query)
        {
            return [];
        }

        await summaries.UpdateAsync(settings.CatchUpLimit, cancellationToken);
        var (kept, _) = await summaries.ReadAsync(today, cancellationToken);
        return kept
            .SelectMany(s => s.Open)
            .Where(o => query.Overdue is not { } late || (today > o.Invoice.DueDate) == late)
            .OrderBy(o => o.Invoice.DueDate).ThenBy(o => o.Invoice.CustomerId, StringComparer.Ordinal).ThenBy(o => o.Invoice.InvoiceId, StringComparer.Ordinal)
            .Select(o => new Listed(o.Invoice, o.Disputed, null))
            .ToList();
    }

    /// <summary>The records of the invoices shown: read one by one (in parallel) for those listed from a summary.</summary>
    private static async Task<IReadOnlyList<DunningRecord>> RecordsAsync(DunningStore invoices, IEnumerable<Listed> shown, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(shown.Select(async l => l.Record ?? await invoices.GetAsync(l.Invoice.CustomerId, l.Invoice.InvoiceId, cancellationToken)));
        return read.OfType<DunningRecord>().ToList();
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, DunningStore invoices, CustomerRepository customers, TimeProvider clock, string format, string? customerId, string? status, string? overdue)
    {
        if (!TableFiles.IsFormat(format))
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var today = InvoiceFigures.Today(clock);
        var customer = await CustomerChoice.ReadAsync(customerId, customers, http.RequestAborted);
        if (customer.Candidates.Count > 0)
        {
            errors["customerId"] = [$"fits {customer.Candidates.Count} customers ({string.Join(", ", customer.Candidates.Select(c => c.Id))}); name one by its id."];
        }

        var all = errors.Count == 0 ? await MatchingAsync(invoices, customer.Id, status, overdue, today, errors, http.RequestAborted) : [];
        if (customer.Id is null && string.IsNullOrEmpty(status))
        {
            all = all.Where(r => r.Invoice.IsOpen).ToList(); // what the page lists without a customer or a status
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var names = await WorklistText.NamesAsync(all.Select(r => r.CustomerId), customers, http.RequestAborted);
        var table = new ExportTable(
            $"invoices-{Figures.Iso(today)}",
            ["Customer id", "Customer", "Invoice", "Issued", "Due", "Amount", "Open", "Currency", "Days overdue", "Dunning", "Next step", "Next step on", "Disputed", "Promised for"],
            all.Select(r => InvoiceRow.From(r, today)).Select(row => new object?[]
            {
                row.CustomerId, names.GetValueOrDefault(row.CustomerId), row.InvoiceId, row.IssueDate, row.DueDate,
                row.Amount.Amount, row.Open.Amount, row.Amount.Currency.Code, row.DaysOverdue, row.Standing,
                row.NextStep, row.NextStepOn, row.Disputed ? "yes" : null, row.PromisedFor,
            }).ToList());
        return await TableFiles.DownloadAsync(table, format, http.RequestAborted);
    }

    /// <summary>
    /// Every invoice the filters match, in the page's order; none, with each bad filter in <paramref name="errors"/> under
    /// its parameter's name, when a filter is not one <c>GET /api/invoices</c> takes.
    /// </summary>
    private static async Task<List<DunningRecord>> MatchingAsync(
        DunningStore invoices, string? customerId, string? status, string? overdue, DateOnly today, Dictionary<string, string[]> errors, CancellationToken cancellationToken) =>
        InvoiceQuery.Parse(customerId, status, overdue, pageSize: null, continuation: null, errors) is { } query
            ? InvoiceOrder.OpenFirst(await InvoiceListing.AllAsync(invoices, query, today, cancellationToken))
            : [];

    /// <summary>The filters as a query string (without the page), for the pager and the downloads.</summary>
    private static string Filter(string? customerId, string? status, string? overdue) =>
        string.Join("&", new[] { ("customerId", customerId), ("status", status), ("overdue", overdue) }
            .Where(p => !string.IsNullOrEmpty(p.Item2))
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    /// <summary>What is still open, a sum per currency (largest first): amounts in different currencies are not added up.</summary>
    private static IReadOnlyList<Money> OpenTotals(IEnumerable<Money> open) =>
        open.Where(m => m.Amount > 0m).GroupBy(m => m.Currency)
            .Select(g => Money.Sum(g, g.Key))
            .OrderByDescending(m => m.Amount).ToList();
}
