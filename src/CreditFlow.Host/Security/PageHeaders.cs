namespace CreditFlow.Host.Security;

/// <summary>The browser hardening every HTML page of ours sends (admin pages, approval pages).</summary>
internal static class PageHeaders
{
    /// <summary>
    /// Sets <paramref name="contentSecurityPolicy"/>, no sniffing, no framing, no caching, and
    /// <c>Referrer-Policy: same-origin</c> — not no-referrer, which makes browsers post our own
    /// forms with "Origin: null" and so defeats the same-origin check on POSTs.
    /// </summary>
    public static void Harden(IHeaderDictionary headers, string contentSecurityPolicy)
    {
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "same-origin";

        // No other window keeps a handle on ours (a page opened from a mail cannot be steered by its opener).
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    /// <summary>
    /// <see cref="Harden"/> for pages whose forms carry an antiforgery token: <c>no-cache, no-store</c>, what antiforgery
    /// sets on such a page anyway (and warns in the log each time it overrides a plain <c>no-store</c>).
    /// </summary>
    public static void HardenWithFormTokens(IHeaderDictionary headers, string contentSecurityPolicy)
    {
        Harden(headers, contentSecurityPolicy);
        headers.CacheControl = "no-cache, no-store";
    }
}
