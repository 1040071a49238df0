using CreditFlow.Host.Admin;
using CreditFlow.Host.Configuration;
using CreditFlow.Host.Security;

namespace CreditFlow.Host.Approvals;

/// <summary>The endpoint filter of the approval pages: browser hardening, and no form posts from other sites.</summary>
internal static class ApprovalGuard
{
    // No script at all; style inline; forms post only back here; nothing frames the page.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// Sets the security headers, and answers 403 to a POST whose <c>Origin</c> (or, without one,
    /// <c>Referer</c>) is not this site: the one reached, or <c>PublicBaseUrl</c> behind a proxy.
    /// </summary>
    public static async ValueTask<object?> SameOriginAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Response.Headers;
        // The token is in the URL: no cache keeps the page, no other site sees it as a referrer.
        PageHeaders.Harden(headers, ContentSecurityPolicy);
        headers.Pragma = "no-cache";
        headers["X-Robots-Tag"] = "noindex, nofollow";

        if (HttpMethods.IsPost(http.Request.Method) && ClaimedOrigin(http.Request) is { } origin && !IsThisSite(http, origin))
        {
            return ApprovalHtml.Notice(
                StatusCodes.Status403Forbidden, "Cross-origin request refused",
                $"This form was posted from <span class=\"mono\">{Html.E(origin)}</span>, not from this site. Nothing was changed.");
        }

        return await next(context);
    }

    // Null when the request names no origin at all (not a browser form post): the token is the credential then.
    private static string? ClaimedOrigin(HttpRequest request) =>
        request.Headers.Origin is [var origin, ..] ? origin
        : request.Headers.Referer is [var referer, ..] ? (Uri.TryCreate(referer, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : referer)
        : null;

    private static bool IsThisSite(HttpContext http, string origin) =>
        AdminGuard.IsOwnOrigin(http.Request, origin)
        || string.Equals(origin, http.RequestServices.GetRequiredService<CreditFlowSettings>().PublicBaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
}
