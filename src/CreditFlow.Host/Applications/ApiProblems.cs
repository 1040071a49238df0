using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Applications;

/// <summary>The RFC 7807 answers the credit API gives, so each status reads the same everywhere.</summary>
internal static class ApiProblems
{
    /// <summary>400 with an <c>errors</c> object naming each bad field by its JSON path.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = "Each entry of 'errors' names a field by its JSON path and says what is wrong with it. Nothing was stored.",
        });

    /// <summary>404 titled after what is missing, e.g. "Application not found".</summary>
    public static ProblemHttpResult NotFound(string what, string detail) =>
        TypedResults.Problem(title: $"{what} not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    /// <summary>403 for a caller who is signed in but may not do this, titled after why, e.g. "Above your authority".</summary>
    public static ProblemHttpResult Forbidden(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(title: "Body must be JSON", detail: detail, statusCode: StatusCodes.Status415UnsupportedMediaType);
}
