using System.Security.Claims;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Durable;
using CreditFlow.Host.Security;
using CreditFlow.Workflows.Onboarding;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Applications;

/// <summary>What sales sends to a waiting onboarding: missing data, and a request to reconsider a refusal.</summary>
public static partial class ApplicationsApi
{
    private static void MapEvents(RouteGroupBuilder api)
    {
        api.MapPost("/{id}/data", SupplyDataAsync)
            .RequireAuthorization(ApiKeyPolicies.WorkOnApplications)
            .WithName("SupplyApplicationData")
            .WithSummary("Supplies the data onboarding asked for; only while it waits for data.")
            .Accepts<SupplyDataBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id}/reconsideration", RequestReconsiderationAsync)
            .RequireAuthorization(ApiKeyPolicies.RequestReconsideration)
            .WithName("RequestReconsideration")
            .WithSummary("Asks for a refused application to be heard one tier up; only within the reconsideration window.")
            .Accepts<ReconsiderationBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> SupplyDataAsync(
        string id, HttpRequest request, ClaimsPrincipal caller, [AsParameters] EventServices services, CancellationToken cancellationToken)
    {
        if (await services.Reader.FindAsync(id, cancellationToken) is not { } state)
        {
            return ApiProblems.NotFound($"No credit application with id '{id}' exists.");
        }

        var (body, problem) = await JsonBody.ReadAsync<SupplyDataBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = services.Validator.Validate(body!);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        // The trial period collects data too (visits, external data, how the trial orders were paid).
        if (!state.IsRunning || state.Stage is not (nameof(ApplicationStatus.WaitingForData) or nameof(ApplicationStatus.Trial)))
        {
            return ApiProblems.Conflict("Not waiting for data", $"Application '{id}' is {state.Stage}; data can be supplied while onboarding asks for it (WaitingForData) or during the trial (Trial).");
        }

        var supplied = new SuppliedData(
            body!.FinancialFigures ?? [],
            string.IsNullOrWhiteSpace(body.BelowStandardReason) ? null : body.BelowStandardReason.Trim(),
            CallerName(caller),
            services.Time.GetUtcNow());
        return await RaiseAsync(services.Client, id, OnboardingEvents.DataSupplied, supplied, cancellationToken);
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> RequestReconsiderationAsync(
        string id, HttpRequest request, ClaimsPrincipal caller, [AsParameters] EventServices services, CancellationToken cancellationToken)
    {
        if (await services.Reader.FindAsync(id, cancellationToken) is not { } state)
        {
            return ApiProblems.NotFound($"No credit application with id '{id}' exists.");
        }

        var (body, problem) = await JsonBody.ReadAsync<ReconsiderationBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = services.Validator.Validate(body!);
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var now = services.Time.GetUtcNow();
        if (!state.IsRunning || state.Stage != nameof(ApplicationStatus.Rejected) || !(state.Progress?.ReconsiderationUntil > now))
        {
            var window = state.Progress?.ReconsiderationUntil is { } until ? $" The window closed at {until:O}." : string.Empty;
            return ApiProblems.Conflict(
                "Reconsideration not possible",
                $"Application '{id}' is {state.Stage}; a reconsideration can be requested only after a refusal, within the reconsideration window.{window}");
        }

        var reconsideration = new ReconsiderationRequest(body!.Reason!.Trim(), CallerName(caller), now);
        return await RaiseAsync(services.Client, id, OnboardingEvents.ReconsiderationRequested, reconsideration, cancellationToken);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RaiseAsync(
        DurableTaskClient client, string id, string eventName, object payload, CancellationToken cancellationToken)
    {
        try
        {
            await client.RaiseEventAsync(id, eventName, payload, cancellationToken);
            return TypedResults.Accepted(StatusUrl(id));
        }
        catch (Exception e) when (e is OrchestrationStateException or OrchestrationNotFoundException)
        {
            // Ended between the status read and the event: the workflow can no longer take it.
            return ApiProblems.Conflict("Onboarding has ended", $"Application '{id}' no longer takes events: {e.Message}");
        }
    }
}
