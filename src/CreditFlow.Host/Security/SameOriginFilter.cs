namespace CreditFlow.Host.Security;

/// <summary>
/// The one same-origin check of every page that posts (admin, credit and approval pages): a POST
/// whose <c>Origin</c> — or, without one, <c>Referer</c> — is neither the site reached nor
/// <c>PublicBaseUrl</c> (behind a proxy) is refused with 403 and a page saying so in the area's look, before
/// anything runs. A request naming no origin at all is not a browser's form post and passes: its API key,
/// session cookie (SameSite=Strict) and form token (<see cref="FormTokenFilter"/>) or signed token is what it is judged by.
/// </summary>
internal static class SameOriginFilter
{
    /// <summary>The filter, answering a refused post with <paramref name="refusal"/> of the origin it came from (a 403 page in the area's own look).</summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Refusing(Func<string, IResult> refusal) =>
        async (context, next) =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsPost(http.Request.Method) && ClaimedOrigin(http.Request) is { } origin && !PublicAddress.IsThisSite(http, origin))
            {
                return refusal(origin);
            }

            return await next(context);
        };

    /// <summary>What the refusal page says.</summary>
    public static string Refusal(string origin) => $"This form was posted from {origin}, not from this site. Nothing was changed.";

    private static string? ClaimedOrigin(HttpRequest request) =>
        request.Headers.Origin is [var origin, ..] ? origin
        : request.Headers.Referer is [var referer, ..] ? (Uri.TryCreate(referer, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : referer)
        : null;

}
