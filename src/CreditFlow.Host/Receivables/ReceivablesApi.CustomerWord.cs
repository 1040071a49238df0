using System.Security.Claims;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Dunning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Receivables;

/// <summary>What the customer said about an invoice: disputes and promises, recorded under the invoice's ETag.</summary>
internal static partial class ReceivablesApi
{
    private static void MapCustomerWord(RouteGroupBuilder invoices)
    {
        invoices.MapPost("/{invoiceId}/disputes", RaiseDisputeAsync)
            .RequireAuthorization(ApiKeyPolicies.RecordCustomerWord)
            .WithName("RaiseInvoiceDispute")
            .WithSummary("Records the customer's dispute of the invoice; dunning pauses while it is open.")
            .WithDescription("Body: {\"reason\": \"…\"} (at most 1,000 characters). Opened today (UTC), raised by the API key's name. "
                + "409 while another dispute is open. Answers the invoice.")
            .Accepts<DisputeBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        invoices.MapPost("/{invoiceId}/disputes/resolve", ResolveDisputeAsync)
            .RequireAuthorization(ApiKeyPolicies.RecordCustomerWord)
            .WithName("ResolveInvoiceDispute")
            .WithSummary("Closes the invoice's open dispute; dunning resumes from today.")
            .WithDescription("Body: {\"resolution\": \"…\"} (at most 1,000 characters). 409 when no dispute is open. Answers the invoice.")
            .Accepts<DisputeResolutionBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        invoices.MapPost("/{invoiceId}/promises", PromiseAsync)
            .RequireAuthorization(ApiKeyPolicies.RecordCustomerWord)
            .WithName("RecordPaymentPromise")
            .WithSummary("Records the customer's promise to pay by a day; dunning waits until the day after it.")
            .WithDescription("Body: {\"promisedDate\": \"2026-03-15\", \"amount\": 1000.00}; promisedDate today (UTC) or later; amount optional, "
                + "in the invoice's currency, more than 0 and at most the open amount (absent: the whole open amount). "
                + "409 when nothing is open. Answers the invoice.")
            .Accepts<PromiseBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    internal static async Task<Results<Ok<InvoiceView>, ProblemHttpResult>> RaiseDisputeAsync(
        string invoiceId, HttpRequest request, ClaimsPrincipal caller, [AsParameters] ReceivablesServices services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<DisputeBody>(request, cancellationToken, validate: DisputeBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        if (!ResourceIds.IsPlausible(invoiceId))
        {
            return NoInvoice(invoiceId);
        }

        var dispute = new RecordedDispute(services.Today, body!.Reason!.Trim(), CallerName(caller));
        return await CustomerWord.RecordAsync(invoiceId, PaymentWord.Dispute(invoiceId, dispute), services, cancellationToken);
    }

    internal static async Task<Results<Ok<InvoiceView>, ProblemHttpResult>> ResolveDisputeAsync(
        string invoiceId, HttpRequest request, [AsParameters] ReceivablesServices services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<DisputeResolutionBody>(request, cancellationToken, validate: DisputeResolutionBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        if (!ResourceIds.IsPlausible(invoiceId))
        {
            return NoInvoice(invoiceId);
        }

        var today = services.Today;
        return await CustomerWord.RecordAsync(
            invoiceId,
            record =>
            {
                var open = record.Disputes.Select((d, i) => (Dispute: d, Index: i)).LastOrDefault(d => d.Dispute.ClosedOn is null);
                if (open.Dispute is null)
                {
                    return ApiProblems.Conflict("No open dispute", $"Invoice '{invoiceId}' has no open dispute to resolve.");
                }

                // Never closed before it opened, even with a clock set back.
                var closed = open.Dispute with { ClosedOn = today < open.Dispute.OpenedOn ? open.Dispute.OpenedOn : today, Resolution = body!.Resolution!.Trim() };
                return record with { Disputes = [.. record.Disputes.Select((d, i) => i == open.Index ? closed : d)] };
            },
            services,
            cancellationToken);
    }

    internal static async Task<Results<Ok<InvoiceView>, ProblemHttpResult>> PromiseAsync(
        string invoiceId, HttpRequest request, [AsParameters] ReceivablesServices services, CancellationToken cancellationToken)
    {
        var today = services.Today;
        var (body, problem) = await JsonBody.ReadAsync<PromiseBody>(request, cancellationToken, validate: b => PromiseBody.Validate(b, today));
        if (problem is not null)
        {
            return problem;
        }

        if (!ResourceIds.IsPlausible(invoiceId))
        {
            return NoInvoice(invoiceId);
        }

        return await CustomerWord.RecordAsync(invoiceId, PaymentWord.Promise(invoiceId, today, body!.Date!.Value, body.Amount), services, cancellationToken);
    }

    private static string CallerName(ClaimsPrincipal caller) =>
        caller.Identity?.Name ?? throw new InvalidOperationException("The endpoint must require an API key policy.");
}
