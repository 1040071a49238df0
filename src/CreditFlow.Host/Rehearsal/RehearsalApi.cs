using CreditFlow.Domain.Roles;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Rehearsal;

/// <summary>
/// <c>GET /api/rehearsal</c> (business time and how far it is ahead) and <c>POST /api/rehearsal/advance</c>
/// with <c>{"days": N}</c> (admin key). Both answer 404 when the host is not rehearsing.
/// </summary>
internal static class RehearsalApi
{
    /// <summary>The most one advance moves: a year, enough for the whole dunning ladder in one step.</summary>
    public const int MaxDays = 366;

    public static RouteGroupBuilder MapRehearsalApi(this IEndpointRouteBuilder app)
    {
        var rehearsal = app.MapGroup("/api/rehearsal").WithTags("Rehearsal");
        rehearsal.MapGet("", Show)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("GetRehearsalClock")
            .WithSummary("Business time during a rehearsal and how far it is ahead of the real time; 404 when not rehearsing.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        rehearsal.MapPost("/advance", AdvanceAsync)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(nameof(CreditRole.Admin)))
            .WithName("AdvanceRehearsalClock")
            .WithSummary("Moves business time ahead by whole days (admin key); timers due by then fire within the engine's polling interval.")
            .Accepts<AdvanceBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return rehearsal;
    }

    public static Results<Ok<RehearsalView>, ProblemHttpResult> Show(IServiceProvider services) =>
        services.GetService<RehearsalClock>() is { } clock ? TypedResults.Ok(RehearsalView.Of(clock)) : NotRehearsing();

    public static async Task<Results<Ok<RehearsalView>, ProblemHttpResult>> AdvanceAsync(HttpRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<RehearsalClock>() is not { } clock)
        {
            return NotRehearsing();
        }

        var (body, problem) = await JsonBody.ReadAsync<AdvanceBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Days is not { } days || days < 1 || days > MaxDays)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["days"] = [$"must be a whole number of days from 1 to {MaxDays}."] });
        }

        await clock.AdvanceAsync(days, cancellationToken);
        return TypedResults.Ok(RehearsalView.Of(clock));
    }

    private static ProblemHttpResult NotRehearsing() => TypedResults.Problem(
        title: "Not rehearsing",
        detail: "This host runs on the real clock; start it with Clock__Mode=Rehearsal to move business time.",
        statusCode: StatusCodes.Status404NotFound);
}

/// <summary>The body of an advance.</summary>
/// <param name="Days">Whole days to move ahead, 1 to 366.</param>
internal sealed record AdvanceBody(int? Days);

/// <summary>Business time during a rehearsal.</summary>
/// <param name="Now">Business time now.</param>
/// <param name="AheadByDays">How many days it is ahead of the real time.</param>
internal sealed record RehearsalView(DateTimeOffset Now, double AheadByDays)
{
    public static RehearsalView Of(RehearsalClock clock) => new(clock.GetUtcNow(), clock.Offset.TotalDays);
}
