using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Approvals;

/// <summary>The endpoint filters of the pages a signed link opens (approvals, /pay): browser hardening, and no form posts from other sites.</summary>
internal static class ApprovalGuard
{
    // No script at all; style only from /assets (workspace.css), images only from here (the icon); forms post only back
    // here; nothing frames the page.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Hardening, then the same-origin check (<see cref="SameOriginFilter"/>) refusing in the approval pages' look.</summary>
    public static RouteGroupBuilder GuardedAsApprovalPages(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(HardenAsync).AddEndpointFilter(SameOriginFilter.Refusing(origin =>
            new RazorComponentResult<CrossOriginRefusal>(new { Origin = origin }) { StatusCode = StatusCodes.Status403Forbidden }));

    /// <summary>
    /// Sets the security headers of a page reached by a signed link, drawn in <see cref="SignedLinkLayout"/> with the
    /// workspace's stylesheet (the approval pages, the payment page): no caching, no indexing, no referrer leaving with the token.
    /// </summary>
    public static ValueTask<object?> HardenAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Harden(context.HttpContext.Response.Headers, ContentSecurityPolicy);
        return next(context);
    }

    // The token is in the URL: no cache keeps the page, no other site sees it as a referrer.
    private static void Harden(IHeaderDictionary headers, string contentSecurityPolicy)
    {
        PageHeaders.Harden(headers, contentSecurityPolicy);
        headers.Pragma = "no-cache";
        headers["X-Robots-Tag"] = "noindex, nofollow";
    }
}
