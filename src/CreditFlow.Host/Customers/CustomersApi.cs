using System.Text.Json;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Customers;

/// <summary><c>/api/customers</c>: a customer's credit profile with its score explanation, decision history and report.</summary>
public static class CustomersApi
{
    public const string Prefix = "/api/customers";

    public static RouteGroupBuilder MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Customers").RequireAuthorization(ApiKeyPolicies.ReadCredit);
        api.MapGet("/{id}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("A customer with its credit profile, score explanation and decision history (newest first).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/report", GetReportAsync)
            .WithName("GetCustomerReport")
            .WithSummary("The customer's latest credit report, as HTML.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Results<Ok<CustomerView>, ProblemHttpResult>> GetAsync(
        string id, CustomerRepository customers, CreditProfileRepository profiles, DecisionLog decisions, CancellationToken cancellationToken)
    {
        if (!ResourceIds.IsPlausible(id) || await customers.GetAsync(id, cancellationToken) is not { Value: var customer })
        {
            return ApiProblems.NotFound("Customer", $"No customer with id '{id}' exists.");
        }

        var profileRead = profiles.GetAsync(id, cancellationToken);
        var history = await decisions.ListForCustomerAsync(id, cancellationToken: cancellationToken);
        var profile = (await profileRead)?.Value;
        return TypedResults.Ok(new CustomerView(
            customer.Id,
            customer.Name,
            customer.RegistrationNumber,
            customer.ActualController,
            customer.Industry,
            customer.CreatedAt,
            profile is null ? null : new CreditProfileView(
                profile.Class?.ToString(), profile.Limit, profile.TermDays, profile.Conditions, profile.Status.ToString(),
                profile.Score, profile.ModelId, profile.ModelVersion),
            history.Select(d => ScoreSnapshot(d.DataSnapshotJson)).FirstOrDefault(s => s is not null),
            history.Select(d => new DecisionView(d.Id, d.DecidedAt, d.DecidedBy, d.What, d.Why, d.ModelVersion, d.ApplicationId)).ToList(),
            profile?.CreditReportBlob is null ? null : $"{Prefix}/{Uri.EscapeDataString(customer.Id)}/report"));
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetReportAsync(
        string id, HttpResponse response, CreditProfileRepository profiles, CreditReportStore reports, CancellationToken cancellationToken)
    {
        var notFound = ApiProblems.NotFound("Credit report", $"Customer '{id}' has no credit report.");
        if (!ResourceIds.IsPlausible(id) || await profiles.GetAsync(id, cancellationToken) is not { Value.CreditReportBlob: { } blob }
            || await reports.GetAsync(blob, cancellationToken) is not { } html)
        {
            return notFound;
        }

        // The report is our own HTML, but it quotes customer data: let it style itself and nothing more.
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The snapshot when it is a JSON object with a top-level "score"; null otherwise.</summary>
    private static JsonElement? ScoreSnapshot(string snapshotJson)
    {
        using var document = JsonDocument.Parse(snapshotJson);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("score", out _)
            ? document.RootElement.Clone()
            : null;
    }
}
