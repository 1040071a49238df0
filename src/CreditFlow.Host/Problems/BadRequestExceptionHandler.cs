using Microsoft.AspNetCore.Diagnostics;

namespace CreditFlow.Host.Problems;

/// <summary>
/// Turns the server's own refusals of a request (<see cref="BadHttpRequestException"/>: a body over
/// the limit, a body cut short, a request that took too long to arrive) into problem details with
/// the status the server chose, instead of a 500. Everything else stays a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var problem = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? RequestBodyLimit.TooLarge(RequestBodyLimit.Limit(httpContext), length: null)
            : new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Request not readable",
                Detail = $"The request could not be read: {bad.Message.TrimEnd('.')}. Nothing was stored.",
            };
        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }
}
