using CreditFlow.Host.Security;

namespace CreditFlow.Host.Approvals;

/// <summary>The endpoint filters of the approval pages: browser hardening, and no form posts from other sites.</summary>
internal static class ApprovalGuard
{
    // No script at all; style inline; forms post only back here; nothing frames the page.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Hardening, then the same-origin check (<see cref="SameOriginFilter"/>) refusing in the approval frame.</summary>
    public static RouteGroupBuilder GuardedAsApprovalPages(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(HardenAsync).AddEndpointFilter(SameOriginFilter.RefusingIn(ApprovalHtml.Frame));

    /// <summary>Sets the security headers of an approval page: no caching, no indexing, no referrer leaving with the token.</summary>
    public static ValueTask<object?> HardenAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Response.Headers;
        // The token is in the URL: no cache keeps the page, no other site sees it as a referrer.
        PageHeaders.Harden(headers, ContentSecurityPolicy);
        headers.Pragma = "no-cache";
        headers["X-Robots-Tag"] = "noindex, nofollow";

        return next(context);
    }
}
