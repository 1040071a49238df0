using System.Security.Claims;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Dunning;
using CreditFlow.Workflows.Dunning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Receivables;

/// <summary>Special collection plans: submitted by credit and sent to the credit manager's approval.</summary>
internal static partial class ReceivablesApi
{
    private static void MapPlans(RouteGroupBuilder invoices) =>
        invoices.MapPost("/{invoiceId}/collection-plans", SubmitPlanAsync)
            .RequireAuthorization(ApiKeyPolicies.SubmitCollectionPlans)
            .WithName("SubmitCollectionPlan")
            .WithSummary("Submits a written special collection plan (cause, means, owner, dates); the credit manager approves it by an approval mail.")
            .WithDescription("Body: {\"cause\": \"…\", \"means\": \"…\", \"owner\": \"…\", \"milestones\": [{\"on\": \"2026-05-01\", \"what\": \"…\"}]}. "
                + "202 with the invoice (its plans list this one as Pending); 409 while another plan waits or when nothing is open. "
                + "An approved plan completes the special collection step's plan-writing task.")
            .Accepts<CollectionPlanBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    internal static async Task<Results<Accepted<InvoiceView>, ProblemHttpResult>> SubmitPlanAsync(
        string invoiceId, HttpRequest request, ClaimsPrincipal caller, CollectionPlans plans, [AsParameters] ReceivablesServices services, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<CollectionPlanBody>(request, cancellationToken, validate: CollectionPlanBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        if (!ResourceIds.IsPlausible(invoiceId))
        {
            return NoInvoice(invoiceId);
        }

        var milestones = body!.Milestones!.Select(m => new PlanMilestone(m.Date!.Value, m.What!.Trim())).ToArray();
        var (record, refused) = await plans.SubmitAsync(
            invoiceId, body.Cause!.Trim(), body.Means!.Trim(), body.Owner!.Trim(), milestones, CallerName(caller), services.Today, cancellationToken);
        return refused switch
        {
            null => TypedResults.Accepted($"/api/invoices/{Uri.EscapeDataString(invoiceId)}", InvoiceView.From(record!, services.Today)),
            CollectionPlans.Refusal.UnknownInvoice => NoInvoice(invoiceId),
            CollectionPlans.Refusal.AlreadyPending => ApiProblems.Conflict("Plan already submitted", $"Invoice '{invoiceId}' has a collection plan waiting for approval."),
            _ => ApiProblems.Conflict("Nothing open", $"Invoice '{invoiceId}' is settled; there is nothing to collect."),
        };
    }
}
