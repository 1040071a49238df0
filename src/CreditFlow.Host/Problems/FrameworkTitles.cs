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
            StatusCodes.Status400BadRequest => ("Request not readable", "The request could not be read as this endpoint takes it; nothing was stored. See /api/docs."),
            StatusCodes.Status401Unauthorized => ("Credentials required", "This needs credentials: an API key in the x-api-key header for /api, a session for the pages."),
            StatusCodes.Status403Forbidden => ("Not allowed", "The credentials given do not allow this."),
            StatusCodes.Status404NotFound => ("No such endpoint", $"Nothing answers {request.Method} {request.Path}. The API is listed at /api/docs."),
            StatusCodes.Status405MethodNotAllowed => ($"{request.Method} not supported here", $"{request.Path} takes {Allowed(context.HttpContext)}, not {request.Method}."),
            StatusCodes.Status415UnsupportedMediaType => ("Body type not accepted", $"{request.Path} does not take a body of type '{request.ContentType}'; see /api/docs for what it takes."),
            _ => (problem.Title, problem.Detail),
        };
        problem.Title = title;
        problem.Detail ??= detail;

        // Input that could not be read at all is an error of the whole body, "$", so every input error names a field.
        if (status == StatusCodes.Status400BadRequest && problem is not HttpValidationProblemDetails && !problem.Extensions.ContainsKey("errors"))
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["$"] = ["could not be read as the body this endpoint takes."] };
        }
    }

    private static string Allowed(HttpContext http) =>
        http.Response.Headers.Allow is { Count: > 0 } allow ? string.Join(", ", allow.OfType<string>()) : "other methods";

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
