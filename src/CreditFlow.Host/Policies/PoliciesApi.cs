using System.Security.Claims;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Workflows.Policies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Policies;

/// <summary>
/// <c>/api/policies</c>: the versions of the credit policy, a new draft (checked whole: 400 naming every problem at its
/// JSON path, nothing stored), its impact on the orders of past days, and its submission to the credit committee.
/// </summary>
internal static class PoliciesApi
{
    public static IEndpointRouteBuilder MapPoliciesApi(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/policies").WithTags("Credit policy");
        policies.MapGet("", ListAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("ListPolicies")
            .WithSummary("Every version of the credit policy, newest first, the one in force marked.")
            .WithDescription("Query: status (draft, inApproval, approved, rejected, withdrawn) keeps only the versions in it.")
            .ProducesValidationProblem();
        policies.MapGet("/{version:int}", GetAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("GetPolicy")
            .WithSummary("One version: its document, status, what it changes against the version in force and its last simulation.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        policies.MapPost("", DraftAsync)
            .RequireAuthorization(ApiKeyPolicies.DraftPolicies)
            .WithName("DraftPolicy")
            .WithSummary("Drafts a new version of the credit policy.")
            .WithDescription("Body: {\"effectiveFrom\": \"2027-01-01\", \"note\": \"…\", \"policy\": {…the whole document…}}. "
                + "201 with the draft; 400 with every problem, the document's at their path (e.g. policy.orderCheck.stopLineDaysOverdue), nothing stored.")
            .Accepts<PolicyDraftBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        policies.MapPost("/{version:int}/simulation", SimulateAsync)
            .RequireAuthorization(ApiKeyPolicies.DraftPolicies)
            .WithName("SimulatePolicy")
            .WithSummary("Decides the orders of the last days again under a version and sets each beside what was decided (kept with a draft).")
            .WithDescription("Query: days (1–366, default Policies:SimulationDays). Orders checked before versions were recorded are not replayed.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        policies.MapPost("/{version:int}/submission", SubmitAsync)
            .RequireAuthorization(ApiKeyPolicies.DraftPolicies)
            .WithName("SubmitPolicy")
            .WithSummary("Puts a draft to the credit committee by an approval mail; approved, it is in force from its first day.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        policies.MapPost("/{version:int}/withdrawal", WithdrawAsync)
            .RequireAuthorization(ApiKeyPolicies.DraftPolicies)
            .WithName("WithdrawPolicy")
            .WithSummary("Takes a draft back before it goes to the committee; it stays on record as withdrawn.")
            .WithDescription("Body: {\"reason\": \"…\"} (required). 409 once it is with the committee or decided.")
            .Accepts<PolicyWithdrawalBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    internal static async Task<Results<Ok<IReadOnlyList<PolicyVersionView>>, ProblemHttpResult>> ListAsync(string? status, PolicyDrafts drafts, CancellationToken cancellationToken)
    {
        string[] statuses = ["draft", "inApproval", "approved", "rejected", "withdrawn"];
        if (status is not null && !statuses.Contains(status, StringComparer.Ordinal))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["status"] = [$"must be one of {string.Join(", ", statuses)} (was \"{status}\")."] });
        }

        var inForce = await drafts.InForceAsync(cancellationToken);
        var versions = (await drafts.VersionsAsync(cancellationToken))
            .Select(v => PolicyVersionView.From(v, inForce))
            .Where(v => status is null || v.Status == status)
            .ToArray();
        return TypedResults.Ok<IReadOnlyList<PolicyVersionView>>(versions);
    }

    internal static async Task<Results<Ok<PolicyVersionView>, ProblemHttpResult>> GetAsync(int version, PolicyDrafts drafts, CancellationToken cancellationToken) =>
        await drafts.VersionAsync(version, cancellationToken) is { } record
            ? TypedResults.Ok(PolicyVersionView.From(record, await drafts.InForceAsync(cancellationToken)))
            : NoVersion(version);

    internal static async Task<Results<Created<PolicyVersionView>, ProblemHttpResult>> DraftAsync(
        HttpRequest request, ClaimsPrincipal caller, PolicyDrafts drafts, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PolicyDraftBody>(request, cancellationToken, validate: PolicyDraftBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        var result = await drafts.DraftAsync(body!.Policy!.Value.GetRawText(), body.Day!.Value, body.Note ?? "", CallerName(caller), cancellationToken);
        if (result.Draft is not { } draft)
        {
            return ApiProblems.Validation(result.Problems
                .GroupBy(p => p.Path.StartsWith('$') ? "policy" + p.Path[1..] : p.Path)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Problem).ToArray()));
        }

        return TypedResults.Created($"/api/policies/{draft.Version}", PolicyVersionView.From(draft, await drafts.InForceAsync(cancellationToken)));
    }

    internal static async Task<Results<Ok<PolicySimulation>, ProblemHttpResult>> SimulateAsync(int version, int? days, PolicyDrafts drafts, CancellationToken cancellationToken)
    {
        if (days is < 1 or > 366)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["days"] = [$"must be between 1 and 366 (was {days})."] });
        }

        return await drafts.SimulateAsync(version, days, cancellationToken) is { } simulation ? TypedResults.Ok(simulation) : NoVersion(version);
    }

    internal static async Task<Results<Accepted<PolicyVersionView>, ProblemHttpResult>> SubmitAsync(int version, ClaimsPrincipal caller, PolicyDrafts drafts, CancellationToken cancellationToken)
    {
        if (await drafts.VersionAsync(version, cancellationToken) is not { } record)
        {
            return NoVersion(version);
        }

        if (!await drafts.SubmitAsync(version, CallerName(caller), cancellationToken))
        {
            return ApiProblems.Conflict("Not a draft", $"Version {version} is {PolicyVersionView.StatusWord(record.Status)}: only a draft goes to the committee.");
        }

        var submitted = await drafts.VersionAsync(version, cancellationToken);
        return TypedResults.Accepted($"/api/policies/{version}", PolicyVersionView.From(submitted!, await drafts.InForceAsync(cancellationToken)));
    }

    internal static async Task<Results<Ok<PolicyVersionView>, ProblemHttpResult>> WithdrawAsync(
        int version, HttpRequest request, ClaimsPrincipal caller, PolicyDrafts drafts, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PolicyWithdrawalBody>(request, cancellationToken, validate: PolicyWithdrawalBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        if (await drafts.VersionAsync(version, cancellationToken) is not { } record)
        {
            return NoVersion(version);
        }

        return await drafts.WithdrawAsync(version, CallerName(caller), body!.Reason!, cancellationToken) is { } withdrawn
            ? TypedResults.Ok(PolicyVersionView.From(withdrawn, await drafts.InForceAsync(cancellationToken)))
            : ApiProblems.Conflict("Not a draft", $"Version {version} is {PolicyVersionView.StatusWord(record.Status)}: only a draft is withdrawn.");
    }

    private static ProblemHttpResult NoVersion(int version) =>
        ApiProblems.NotFound("Policy version", $"There is no version {version} of the credit policy.");

    private static string CallerName(ClaimsPrincipal caller) =>
        caller.Identity?.Name ?? throw new InvalidOperationException("The endpoint must require an API key policy.");
}
