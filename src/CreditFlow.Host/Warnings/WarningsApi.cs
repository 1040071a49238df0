using System.Security.Claims;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Warnings;
using CreditFlow.Workflows.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Warnings;

/// <summary>
/// Early warnings as an API: the open ones (or the answered ones) by level and age with any key, one warning with its
/// reminders, escalations and answer, and the answer itself by the owner's role or a tier above it.
/// </summary>
internal static class WarningsApi
{
    public static RouteGroupBuilder MapWarningsApi(this IEndpointRouteBuilder app)
    {
        var warnings = app.MapGroup("/api/warnings").WithTags("Warnings");
        warnings.MapGet("", ListAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("ListWarnings")
            .WithSummary("Open warnings (status=answered: answered ones, at most 500), most severe first, then oldest; filters: customerId, level.")
            .WithDescription("level is Yellow, Orange or Red (any case). overdue says whether an open warning is past its deadline now; "
                + "responseHours is the time from raised to answered. A bad value is a 400 naming the parameter.")
            .ProducesValidationProblem();
        warnings.MapGet("/{warningId}", GetAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("GetWarning")
            .WithSummary("One warning: its signal, rule, owner and deadline, every reminder and escalation, and the answer.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        warnings.MapPost("/{warningId}/answer", AnswerAsync)
            .RequireAuthorization(ApiKeyPolicies.AnswerWarnings)
            .WithName("AnswerWarning")
            .WithSummary("Answers an open warning with actions chosen among those it proposes; the owner's role or a tier above it.")
            .WithDescription("Body: {\"actions\": [\"collection\", \"freezeLimit\"], \"comment\": \"…\"}. The actions are set going (a freeze at once, "
                + "a task for each other one) and the answer lands in the decision log with the response time. 403 for a role below the owner's, "
                + "409 once answered.")
            .Accepts<AnswerWarningBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return warnings;
    }

    internal static async Task<Results<Ok<WarningView[]>, ProblemHttpResult>> ListAsync(
        WarningStore warnings, TimeProvider clock, string? status, string? customerId, string? level, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var answered = false;
        if (!string.IsNullOrEmpty(status))
        {
            if (string.Equals(status, "answered", StringComparison.OrdinalIgnoreCase))
            {
                answered = true;
            }
            else if (!string.Equals(status, "open", StringComparison.OrdinalIgnoreCase))
            {
                errors["status"] = ["must be open or answered."];
            }
        }

        WarningLevel? only = null;
        if (!string.IsNullOrEmpty(level))
        {
            if (Enum.TryParse<WarningLevel>(level, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(level, out _))
            {
                only = parsed;
            }
            else
            {
                errors["level"] = [$"must be one of {string.Join(", ", Enum.GetNames<WarningLevel>())}."];
            }
        }

        if (!string.IsNullOrEmpty(customerId) && !ResourceIds.IsPlausible(customerId))
        {
            errors["customerId"] = ["must be a customer id: 1-256 characters without '/', '\\', '#', '?' or control characters."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var now = clock.GetUtcNow();
        var found = await warnings.ListAsync(answered, string.IsNullOrEmpty(customerId) ? null : customerId, cancellationToken);
        return TypedResults.Ok(found.Where(w => only is null || w.Level == only).Select(w => WarningView.From(w, now)).ToArray());
    }

    internal static async Task<Results<Ok<WarningView>, ProblemHttpResult>> GetAsync(string warningId, WarningStore warnings, TimeProvider clock, CancellationToken cancellationToken) =>
        ResourceIds.IsPlausible(warningId) && await warnings.GetAsync(warningId, cancellationToken) is { } warning
            ? TypedResults.Ok(WarningView.From(warning, clock.GetUtcNow()))
            : NoWarning(warningId);

    internal static async Task<Results<Ok<WarningView>, ProblemHttpResult>> AnswerAsync(
        string warningId, HttpRequest request, ClaimsPrincipal caller, CustomerWarnings warnings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AnswerWarningBody>(request, cancellationToken, validate: AnswerWarningBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        if (!ResourceIds.IsPlausible(warningId))
        {
            return NoWarning(warningId);
        }

        var role = Enum.Parse<CreditRole>(caller.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("The endpoint must require an API key policy."));
        var now = clock.GetUtcNow();
        var (warning, refusal) = await warnings.AnswerAsync(warningId, body!.ParsedActions, body.Comment!.Trim(), caller.Identity!.Name!, role, now, cancellationToken);
        return refusal switch
        {
            null => TypedResults.Ok(WarningView.From(warning!, now)),
            WarningRefusal.NotFound => NoWarning(warningId),
            WarningRefusal.AlreadyAnswered => ApiProblems.Conflict("Warning already answered", $"Warning '{warningId}' was answered by {warning!.Answer!.By} at {warning.Answer.At:u}: {warning.Answer.Comment}"),
            WarningRefusal.NotTheOwner => ApiProblems.Forbidden("Not the warning's owner", $"Warning '{warningId}' is for the {warning!.Owner} to answer (or a tier above it); you are {role}. Nothing was stored."),
            _ => ApiProblems.Validation(new Dictionary<string, string[]>
            {
                ["actions"] = [$"must be among the actions this warning proposes: {string.Join(", ", warning!.ProposedActions.Select(a => char.ToLowerInvariant(a.ToString()[0]) + a.ToString()[1..]))}."],
            }),
        };
    }

    private static ProblemHttpResult NoWarning(string warningId) => ApiProblems.NotFound("Warning", $"No warning '{warningId}' exists.");
}
