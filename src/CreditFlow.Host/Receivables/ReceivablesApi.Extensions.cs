using System.Security.Claims;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Workflows.Dunning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Receivables;

/// <summary>Requests to pay later: recorded on the invoice and sent to the credit manager's approval.</summary>
internal static partial class ReceivablesApi
{
    private static void MapExtensions(RouteGroupBuilder invoices) =>
        invoices.MapPost("/{invoiceId}/extensions", RequestExtensionAsync)
            .RequireAuthorization(ApiKeyPolicies.RecordCustomerWord)
            .WithName("RequestPaymentExtension")
            .WithSummary("Asks the credit manager, by an approval mail, to let the customer pay the invoice later; approved, the due date moves.")
            .WithDescription("Body: {\"newDueDate\": \"2026-04-30\", \"reason\": \"…\"}; newDueDate after the current due date. "
                + "202 with the invoice (its extensions list the request as Pending); 409 while another request waits or when nothing is open.")
            .Accepts<ExtensionBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    internal static async Task<Results<Accepted<InvoiceView>, ProblemHttpResult>> RequestExtensionAsync(
        string invoiceId, HttpRequest request, ClaimsPrincipal caller, PaymentExtensions extensions, [AsParameters] ReceivablesServices services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ExtensionBody>(request, cancellationToken, validate: ExtensionBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        if (!ResourceIds.IsPlausible(invoiceId))
        {
            return NoInvoice(invoiceId);
        }

        var (record, refused) = await extensions.RequestAsync(invoiceId, body!.Date!.Value, body.Reason!.Trim(), CallerName(caller), services.Today, cancellationToken);
        return refused switch
        {
            null => TypedResults.Accepted($"/api/invoices/{Uri.EscapeDataString(invoiceId)}", InvoiceView.From(record!, services.Today)),
            PaymentExtensions.Refusal.UnknownInvoice => NoInvoice(invoiceId),
            PaymentExtensions.Refusal.AlreadyPending => ApiProblems.Conflict("Extension already requested", $"Invoice '{invoiceId}' has a request to pay on {record!.PendingExtension!.ToDueDate:yyyy-MM-dd} waiting for approval."),
            PaymentExtensions.Refusal.NotLater => ApiProblems.Validation(new Dictionary<string, string[]> { ["newDueDate"] = [$"must be after the current due date {record!.DueDate:yyyy-MM-dd}."] }),
            _ => ApiProblems.Conflict("Nothing open", $"Invoice '{invoiceId}' is settled; there is nothing to pay later."),
        };
    }
}
