using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Dunning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Receivables;

/// <summary>
/// Receivables as an API: the invoices dunning follows, listed with filters and paging (any API key), one invoice with
/// everything dunning did about it, and what the customer said about it (a dispute raised or resolved, a promise to
/// pay: a sales rep's, credit officer's or credit manager's key), which wakes the invoice's dunning to look again.
/// </summary>
internal static partial class ReceivablesApi
{
    private const string ListDescription =
        "Paged: {\"items\": [...], \"continuation\": \"…\"}; pass continuation back for the next page (absent on the last). "
        + "Filters: status (Running, PausedByDispute, AwaitingPromise, Settled, Completed, NotYetLooked; any case), overdue=true "
        + "(something open past the due date, today UTC) or false, pageSize 1-500 (default 50). With a filter a page may hold fewer "
        + "invoices than pageSize while a continuation follows. A bad value is a 400 naming the parameter.";

    public static IEndpointRouteBuilder MapReceivablesApi(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/invoices").WithTags("Invoices");
        invoices.MapGet("", ListAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("ListInvoices")
            .WithSummary("Invoices followed by dunning, by customer then invoice id; filters: customerId, status, overdue.")
            .WithDescription(ListDescription)
            .ProducesValidationProblem();
        invoices.MapGet("/{invoiceId}", GetAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("GetInvoice")
            .WithSummary("One invoice: amount, paid, open, days overdue, where dunning stands, every step taken, payments, disputes and promises.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        MapCustomerWord(invoices);
        MapExtensions(invoices);
        MapPlans(invoices);

        app.MapGet("/api/customers/{customerId}/invoices", ListForCustomerAsync)
            .WithTags("Invoices")
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("ListCustomerInvoices")
            .WithSummary("The customer's invoices followed by dunning, by invoice id; filters: status, overdue.")
            .WithDescription(ListDescription)
            .ProducesValidationProblem();
        return app;
    }

    internal static Task<Results<Ok<InvoicePage>, ProblemHttpResult>> ListAsync(
        DunningStore invoices, TimeProvider clock, string? customerId, string? status, string? overdue, string? pageSize, string? continuation,
        CancellationToken cancellationToken) =>
        PageAsync(invoices, clock, customerId, status, overdue, pageSize, continuation, cancellationToken);

    internal static Task<Results<Ok<InvoicePage>, ProblemHttpResult>> ListForCustomerAsync(
        string customerId, DunningStore invoices, TimeProvider clock, string? status, string? overdue, string? pageSize, string? continuation,
        CancellationToken cancellationToken) =>
        PageAsync(invoices, clock, customerId, status, overdue, pageSize, continuation, cancellationToken);

    internal static async Task<Results<Ok<InvoiceView>, ProblemHttpResult>> GetAsync(
        string invoiceId, DunningStore invoices, TimeProvider clock, CancellationToken cancellationToken) =>
        ResourceIds.IsPlausible(invoiceId) && await invoices.FindAsync(invoiceId, cancellationToken) is { } record
            ? TypedResults.Ok(InvoiceView.From(record, InvoiceFigures.Today(clock)))
            : NoInvoice(invoiceId);

    internal static ProblemHttpResult NoInvoice(string invoiceId) =>
        ApiProblems.NotFound("Invoice", $"No invoice '{invoiceId}' is followed by dunning.");

    private static async Task<Results<Ok<InvoicePage>, ProblemHttpResult>> PageAsync(
        DunningStore invoices, TimeProvider clock, string? customerId, string? status, string? overdue, string? pageSize, string? continuation,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = InvoiceQuery.Parse(customerId, status, overdue, pageSize, continuation, errors);
        if (query is null)
        {
            return ApiProblems.Validation(errors);
        }

        var page = await InvoiceListing.PageAsync(invoices, query, InvoiceFigures.Today(clock), cancellationToken);
        if (page is null)
        {
            errors["continuation"] = ["must be the continuation of a previous page of this listing, as it was given."];
            return ApiProblems.Validation(errors);
        }

        return TypedResults.Ok(page);
    }
}
