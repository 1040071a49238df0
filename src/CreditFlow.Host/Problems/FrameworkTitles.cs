namespace CreditFlow.Host.Problems;

/// <summary>
/// Words for the problems the framework writes on its own (an unknown route, a wrong method, a body
/// it cannot bind): its default titles ("Not Found", "One or more validation errors occurred.") are
/// status names, not what went wrong. A title a handler chose is kept.
/// </summary>
internal static class FrameworkTitles
{
    private const string DefaultValidationTitle = "One or more validation errors occurred.";

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Title is not null && problem.Title != DefaultValidationTitle && problem.Title != ReasonPhrase(status))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var (title, detail) = status switch
        {
            StatusCodes.Status400BadRequest when problem is HttpValidationProblemDetails => ("Invalid request", "Each entry of 'errors' names a field by its JSON path and says what is wrong with it. Nothing was stored."),
            StatusCodes.Status400BadRequest => ("Invalid request", "The request could not be read; nothing was stored."),
            StatusCodes.Status401Unauthorized => ("Not signed in", "This needs credentials: an API key in the x-api-key header for /api, a session for the pages."),
            StatusCodes.Status403Forbidden => ("Not allowed", "The credentials given do not allow this."),
            StatusCodes.Status404NotFound => ("Not found", $"Nothing answers {request.Method} {request.Path}. The API is listed at /api/docs."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"{request.Path} does not take {request.Method}."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported media type", $"{request.Path} does not take a body of type '{request.ContentType}'."),
            _ => (problem.Title, problem.Detail),
        };
        problem.Title = title;
        problem.Detail ??= detail;
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
