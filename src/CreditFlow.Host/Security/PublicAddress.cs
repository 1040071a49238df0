using CreditFlow.Host.Configuration;

namespace CreditFlow.Host.Security;

/// <summary>
/// <c>PublicBaseUrl</c>, the address people reach the host at, in the one place that uses it for
/// security: which origins may post to the pages, whether cookies must be Secure, and absolute links
/// (the sign-in callback) that must not depend on what a proxy sent.
/// </summary>
internal static class PublicAddress
{
    /// <summary>True when <paramref name="origin"/> (scheme://host[:port]) is the public address or the site the request reached.</summary>
    public static bool IsThisSite(HttpContext http, string origin) =>
        string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host.Value}", StringComparison.OrdinalIgnoreCase)
        || string.Equals(origin, Settings(http).PublicBaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    /// <summary>Cookies go only over https when the request came over https or the public address is https (TLS ended at a proxy).</summary>
    public static bool CookiesMustBeSecure(HttpContext http) =>
        http.Request.IsHttps || Settings(http).PublicBaseUrl.Scheme == Uri.UriSchemeHttps;

    /// <summary>The public, absolute address of <paramref name="path"/> (a path under PublicBaseUrl's own, if it has one).</summary>
    public static string Link(CreditFlowSettings settings, string path) =>
        settings.PublicBaseUrl.AbsoluteUri.TrimEnd('/') + "/" + path.TrimStart('/');

    private static CreditFlowSettings Settings(HttpContext http) => http.RequestServices.GetRequiredService<CreditFlowSettings>();
}
