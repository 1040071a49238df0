using System.Globalization;
using System.Security.Claims;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable.Client;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.OrderCheck;
using CreditFlow.Workflows.Policies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Host.Erp;

/// <summary>
/// The holds worklist as an API: <c>GET /api/holds</c> with filters (any API key), and
/// <c>POST /api/holds/{holdId}/decision</c> (a credit officer's, manager's or committee's key), which
/// hands a release or rejection to the hold's workflow (it checks the role's authority for the
/// amount and logs a refusal). A role without authority for the hold is answered 403 "Above your
/// authority" at once (<see cref="HoldAuthority"/>). The decider's name and role are the API key's, never the body's.
/// </summary>
internal static class HoldsApi
{
    /// <summary>Fields the decision body used to carry, now taken from the API key.</summary>
    private static readonly Dictionary<string, string> SetByTheKey = new(StringComparer.OrdinalIgnoreCase)
    {
        ["decidedBy"] = "must not be sent: the decider is set by the API key (its name).",
        ["role"] = "must not be sent: the decider's role is set by the API key.",
    };

    public static RouteGroupBuilder MapHoldsApi(this IEndpointRouteBuilder app)
    {
        var holds = app.MapGroup("/api/holds").WithTags("Holds");
        holds.MapGet("", ListAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("ListHolds")
            .WithSummary("Held orders and shipments, oldest first; filters: status, customer, minAgeHours, approverRole.")
            .ProducesValidationProblem();
        holds.MapPost("/{holdId}/decision", DecideAsync)
            .RequireAuthorization(ApiKeyPolicies.DecideHolds)
            .WithName("DecideHold")
            .WithSummary("Releases or rejects a hold; the hold refuses a role without authority.")
            .WithDescription("Body: {\"outcome\": \"release\"|\"reject\", \"comment\": \"…\"}. The decider's name and role are the API key's; a body carrying decidedBy or role gets 400. A role without authority for the hold (its amount at stake or its reasons) gets 403 \"Above your authority\" naming the amount, the role's limit and who can decide; the attempt is logged and the hold stays open.")
            .Accepts<HoldDecisionBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return holds;
    }

    public static async Task<Results<Ok<HoldView[]>, ProblemHttpResult>> ListAsync(
        HoldRepository holds, TimeProvider clock, string? status, string? customer, string? minAgeHours, string? approverRole, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Query(clock, status, customer, minAgeHours, approverRole, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        return TypedResults.Ok((await holds.ListAsync(query, cancellationToken)).Select(HoldView.From).ToArray());
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> DecideAsync(
        string holdId, HttpRequest request, ClaimsPrincipal caller, HoldRepository holds, CreditPolicies policies, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<HoldDecisionBody>(request, cancellationToken, SetByTheKey);
        if (problem is not null)
        {
            return problem;
        }

        // The page shows these as messages; the API answers each as problem details.
        return (await DecideAsAsync(holdId, body!, CallerName(caller), CallerRole(caller), holds, (await policies.InForceAsync(cancellationToken)).Authority, client, cancellationToken)).Result switch
        {
            Accepted accepted => accepted,
            ProblemHttpResult aboveAuthority => aboveAuthority,
            ValidationProblem invalid => ApiProblems.Validation(invalid.ProblemDetails.Errors),
            NotFound<string> notFound => ApiProblems.NotFound("Hold", notFound.Value!),
            Conflict<string> conflict => ApiProblems.Conflict("Hold not open", conflict.Value!),
            var other => throw new InvalidOperationException($"Unexpected result {other.GetType().Name}."),
        };
    }

    /// <summary>
    /// The one decide path of this API and the worklist page (<see cref="Workspace.Holds.HoldsPageEndpoints"/>): validates the
    /// outcome and comment, then hands the decision by <paramref name="decidedBy"/> as <paramref name="role"/>
    /// to the hold's workflow, which checks the role's authority and logs a refusal. 404 without the
    /// hold, 409 once it is closed, 403 "Above your authority" when the role may not decide it (the
    /// decision is still handed over, so the workflow logs the refusal, and the hold stays open).
    /// </summary>
    internal static async Task<Results<Accepted, ProblemHttpResult, ValidationProblem, NotFound<string>, Conflict<string>>> DecideAsAsync(
        string holdId, HoldDecisionBody body, string decidedBy, CreditRole role, HoldRepository holds, AuthorityMatrix authority, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var request = body.ToRequest(decidedBy, role, errors);
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var hold = await holds.GetAsync(holdId, cancellationToken);
        if (hold is null)
        {
            return TypedResults.NotFound($"No hold '{holdId}'.");
        }

        if (hold.Status != HoldStatus.Open)
        {
            return TypedResults.Conflict($"Hold '{holdId}' is already {hold.Status.ToString().ToLowerInvariant()}.");
        }

        try
        {
            await client.RaiseEventAsync(holdId, HoldEvents.Decision, request, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return TypedResults.Conflict($"Hold '{holdId}' no longer waits for a decision.");
        }

        if (!HoldAuthority.Covers(authority, role, hold))
        {
            return ApiProblems.Forbidden(HoldAuthority.Title, $"Hold {holdId}: {HoldAuthority.Why(authority, role, hold)} Nothing was decided; the attempt is logged and the hold stays open.");
        }

        return TypedResults.Accepted($"/api/holds?customer={Uri.EscapeDataString(hold.CustomerId)}");
    }

    /// <summary>The outcome of a decision, or null with an error under "outcome".</summary>
    internal static ApprovalOutcome? Outcome(string? outcome, Dictionary<string, string[]> errors)
    {
        ApprovalOutcome? parsed = outcome?.ToLowerInvariant() switch
        {
            "release" => ApprovalOutcome.Approved,
            "reject" => ApprovalOutcome.Rejected,
            _ => null,
        };
        if (parsed is null)
        {
            errors["outcome"] = ["must be \"release\" or \"reject\"."];
        }

        return parsed;
    }

    internal static void CheckComment(string? comment, Dictionary<string, string[]> errors)
    {
        if (comment is { Length: > 2000 })
        {
            errors["comment"] = ["must be at most 2000 characters."];
        }
    }

    private static string CallerName(ClaimsPrincipal caller) =>
        caller.Identity?.Name ?? throw new InvalidOperationException("The endpoint must require an API key policy.");

    private static CreditRole CallerRole(ClaimsPrincipal caller) =>
        Enum.Parse<CreditRole>(caller.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("The endpoint must require an API key policy."));

    internal static HoldQuery Query(TimeProvider clock, string? status, string? customer, string? minAgeHours, string? approverRole, Dictionary<string, string[]> errors)
    {
        HoldStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<HoldStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s))
            {
                parsedStatus = s;
            }
            else
            {
                errors["status"] = ["must be open, released or rejected."];
            }
        }

        DateTimeOffset? heldBefore = null;
        if (!string.IsNullOrEmpty(minAgeHours))
        {
            if (decimal.TryParse(minAgeHours, NumberStyles.Number, CultureInfo.InvariantCulture, out var hours) && hours >= 0 && hours < 100_000)
            {
                heldBefore = clock.GetUtcNow() - TimeSpan.FromHours((double)hours);
            }
            else
            {
                errors["minAgeHours"] = ["must be a number of hours, 0 or more."];
            }
        }

        CreditRole? role = null;
        if (!string.IsNullOrEmpty(approverRole))
        {
            if (Enum.TryParse<CreditRole>(approverRole, ignoreCase: true, out var r) && Enum.IsDefined(r))
            {
                role = r;
            }
            else
            {
                errors["approverRole"] = [$"must be one of {string.Join(", ", Enum.GetNames<CreditRole>())}."];
            }
        }

        return new HoldQuery(parsedStatus, string.IsNullOrEmpty(customer) ? null : customer, heldBefore, role);
    }
}

/// <summary>
/// The body of a worklist decision: <c>{"outcome": "release"|"reject", "comment": "…"}</c>. Who decides
/// and in which role is the caller's API key.
/// </summary>
public sealed record HoldDecisionBody(string? Outcome, string? Comment)
{
    internal HoldDecisionRequest? ToRequest(string decidedBy, CreditRole role, Dictionary<string, string[]> errors)
    {
        var outcome = HoldsApi.Outcome(Outcome, errors);
        HoldsApi.CheckComment(Comment, errors);
        return errors.Count == 0 ? new HoldDecisionRequest(outcome!.Value, decidedBy, role, Comment?.Trim() ?? string.Empty) : null;
    }
}
