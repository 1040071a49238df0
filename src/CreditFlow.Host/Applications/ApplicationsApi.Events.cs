using System.Security.Claims;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Durable.Client;
using CreditFlow.Host.Security;
using CreditFlow.Workflows.Onboarding;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

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
            return ApiProblems.NotFound("Application", $"No credit application with id '{id}' exists.");
        }

        var scorecard = await services.Validator.ScorecardAsync(cancellationToken);
        var (body, problem) = await JsonBody.ReadAsync<SupplyDataBody>(request, cancellationToken, validate: b => services.Validator.Validate(b, scorecard));
        if (problem is not null)
        {
            return problem;
        }

        return await SupplyAsAsync(state, body!, CallerName(caller), services, cancellationToken);
    }

    /// <summary>
    /// The one path of supplied data, from the API and from the application page: a valid body
    /// from <paramref name="suppliedBy"/> goes to the workflow while it takes data (409 otherwise).
    /// </summary>
    internal static async Task<Results<Accepted, ProblemHttpResult>> SupplyAsAsync(
        ApplicationState state, SupplyDataBody body, string suppliedBy, EventServices services, CancellationToken cancellationToken)
    {
        // The trial period collects data too (visits, external data, how the trial orders were paid).
        if (!TakesData(state))
        {
            return ApiProblems.Conflict("Not waiting for data", $"Application '{state.Id}' is {state.Stage}; data can be supplied while onboarding asks for it (WaitingForData) or during the trial (Trial).");
        }

        var supplied = new SuppliedData(
            body.FinancialFigures ?? [],
            string.IsNullOrWhiteSpace(body.BelowStandardReason) ? null : body.BelowStandardReason.Trim(),
            suppliedBy,
            services.Time.GetUtcNow());
        return await RaiseAsync(services.Client, state.Id, OnboardingEvents.DataSupplied, supplied, cancellationToken);
    }

    /// <summary>True while onboarding takes data: when it asked for some, and during the trial.</summary>
    internal static bool TakesData(ApplicationState state) =>
        state.IsRunning && state.Stage is nameof(ApplicationStatus.WaitingForData) or nameof(ApplicationStatus.Trial);

    /// <summary>True while a refusal may be reconsidered.</summary>
    internal static bool MayBeReconsidered(ApplicationState state, DateTimeOffset now) =>
        state.IsRunning && state.Stage == nameof(ApplicationStatus.Rejected) && state.Progress?.ReconsiderationUntil > now;

    internal static async Task<Results<Accepted, ProblemHttpResult>> RequestReconsiderationAsync(
        string id, HttpRequest request, ClaimsPrincipal caller, [AsParameters] EventServices services, CancellationToken cancellationToken)
    {
        if (await services.Reader.FindAsync(id, cancellationToken) is not { } state)
        {
            return ApiProblems.NotFound("Application", $"No credit application with id '{id}' exists.");
        }

        var (body, problem) = await JsonBody.ReadAsync<ReconsiderationBody>(request, cancellationToken, validate: services.Validator.Validate);
        if (problem is not null)
        {
            return problem;
        }

        return await ReconsiderAsAsync(state, body!, CallerName(caller), services, cancellationToken);
    }

    /// <summary>The one path of a reconsideration request, from the API and from the application page.</summary>
    internal static async Task<Results<Accepted, ProblemHttpResult>> ReconsiderAsAsync(
        ApplicationState state, ReconsiderationBody body, string requestedBy, EventServices services, CancellationToken cancellationToken)
    {
        var now = services.Time.GetUtcNow();
        if (!MayBeReconsidered(state, now))
        {
            var window = state.Progress?.ReconsiderationUntil is { } until ? $" The window closed at {until:O}." : string.Empty;
            return ApiProblems.Conflict(
                "Reconsideration not possible",
                $"Application '{state.Id}' is {state.Stage}; a reconsideration can be requested only after a refusal, within the reconsideration window.{window}");
        }

        var reconsideration = new ReconsiderationRequest(body.Reason!.Trim(), requestedBy, now);
        return await RaiseAsync(services.Client, state.Id, OnboardingEvents.ReconsiderationRequested, reconsideration, cancellationToken);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RaiseAsync(
        DurableTaskClient client, string id, string eventName, object payload, CancellationToken cancellationToken)
    {
        try
        {
            await client.RaiseEventAsync(id, eventName, payload, cancellationToken);
            return TypedResults.Accepted(StatusUrl(id));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Ended between the status read and the event: the workflow can no longer take it.
            return ApiProblems.Conflict("Onboarding has ended", $"Application '{id}' no longer takes events: {e.Message}");
        }
    }
}
