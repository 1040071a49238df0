using CreditFlow.Host.Security;

namespace CreditFlow.Host.Admin;

/// <summary>The endpoint filters every admin page passes: browser hardening, the same-origin check for POSTs, and sign-in.</summary>
internal static class AdminGuard
{
    // Inline style and script are ours; nothing else loads, nothing frames us, forms post only here.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// Sets the security headers, and answers 400 to a POST whose <c>Origin</c> is another site's:
    /// the SameSite=Strict cookie already keeps cross-site POSTs unauthenticated, this refuses them outright.
    /// </summary>
    public static async ValueTask<object?> SameOriginAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Response.Headers;
        PageHeaders.Harden(headers, ContentSecurityPolicy);

        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Headers.Origin is [var origin, ..] && !IsOwnOrigin(http.Request, origin))
        {
            return Html.Page("Cross-origin request refused", $"<h1>Cross-origin request refused</h1><p>This form was posted from <span class=\"mono\">{Html.E(origin)}</span>, not from this site.</p>", statusCode: StatusCodes.Status400BadRequest, signedIn: false);
        }

        return await next(context);
    }

    /// <summary>Sends a visitor without the admin key or a session to the login form, remembering where they were going.</summary>
    public static async ValueTask<object?> SignedInAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.RequestServices.GetRequiredService<AdminKeyValidator>().IsAuthorized(http.Request))
        {
            return await next(context);
        }

        var back = HttpMethods.IsGet(http.Request.Method) ? $"?next={Html.U(http.Request.Path + http.Request.QueryString)}" : "";
        return Flash.SeeOther(http, "/admin/login" + back);
    }

    /// <summary>True for a path of these pages, never an absolute or protocol-relative URL (no open redirect).</summary>
    public static bool IsAdminPath(string? path) =>
        path is not null && (path == "/admin" || path.StartsWith("/admin/", StringComparison.Ordinal))
        && !path.Contains("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal);

    internal static bool IsOwnOrigin(HttpRequest request, string? origin) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
}
