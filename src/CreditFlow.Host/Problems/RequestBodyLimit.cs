using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace CreditFlow.Host.Problems;

/// <summary>
/// Answers 413 problem details to a request whose declared <c>Content-Length</c> is above the limit
/// that applies to its endpoint, before any handler runs: a handler that checks something else first
/// (an unknown id, a missing key) would otherwise answer for a body it never read. A body without a
/// length that turns out too long is Kestrel's to stop while it is read (<see cref="BadRequestExceptionHandler"/>).
/// </summary>
internal static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.ContentLength is { } length && Limit(http) is { } limit && length > limit)
        {
            await TypedResults.Problem(TooLarge(limit, length)).ExecuteAsync(http);
            return;
        }

        await next(http);
    });

    /// <summary>The most bytes the current request's body may have, or null for no limit.</summary>
    public static long? Limit(HttpContext http)
    {
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();

        // Routing applies an endpoint's own limit to the feature; read the metadata too for servers without the feature.
        return http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? feature?.MaxRequestBodySize;
    }

    public static Microsoft.AspNetCore.Mvc.ProblemDetails TooLarge(long? limit, long? length) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Request body too large",
        Detail = (limit, length) switch
        {
            ({ } max, { } sent) => $"This endpoint takes a body of at most {max:N0} bytes; the request declared {sent:N0}. Nothing was read or stored.",
            ({ } max, null) => $"This endpoint takes a body of at most {max:N0} bytes; the request sent more. Nothing was stored.",
            _ => "The request body is larger than this endpoint takes. Nothing was stored.",
        },
    };
}
