using System.Security.Claims;
using CreditFlow.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Applications;

/// <summary>
/// <c>/api/applications</c>: file a credit application, follow it, add documents and missing data,
/// and ask for a refusal to be reconsidered. Handlers translate HTTP; the onboarding workflow decides.
/// </summary>
public static partial class ApplicationsApi
{
    public const string Prefix = "/api/applications";

    public static RouteGroupBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Applications");
        api.MapPost("", FileAsync)
            .RequireAuthorization(ApiKeyPolicies.WorkOnApplications)
            .WithName("FileApplication")
            .WithSummary("Files a credit application and starts its onboarding.")
            .WithDescription("Validates every field (400 names each bad one by its JSON path; nothing is stored), refuses a customer that already has credit, is blacklisted or has an application in onboarding (409), and starts onboarding. The caller is recorded as the one who filed it.")
            .Accepts<FileApplicationBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/{id}", GetAsync)
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("GetApplication")
            .WithSummary("An application with its progress, documents and approvals.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        MapDocuments(api);
        MapEvents(api);
        return api;
    }

    internal static string StatusUrl(string applicationId) => $"{Prefix}/{Uri.EscapeDataString(applicationId)}";

    internal static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> GetAsync(string id, ApplicationReader reader, CancellationToken cancellationToken)
    {
        var state = await reader.FindAsync(id, cancellationToken);
        return state is null
            ? ApiProblems.NotFound("Application", $"No credit application with id '{id}' exists.")
            : TypedResults.Ok(await reader.ViewAsync(state, cancellationToken));
    }

    /// <summary>The name of the API key that made the request, which the decision log records.</summary>
    private static string CallerName(ClaimsPrincipal caller) =>
        caller.Identity?.Name ?? throw new InvalidOperationException("The endpoint must require an API key policy.");
}
