namespace CreditFlow.Host.Security;

/// <summary>
/// The headers every answer carries, pages or API: no content sniffing, and HSTS once the site is
/// https (directly or at a proxy, <see cref="PublicAddress.CookiesMustBeSecure"/>), so a browser never
/// again goes there over http. Pages add their own on top (<see cref="PageHeaders"/>).
/// </summary>
internal static class SecurityHeaders
{
    private const string OneYear = "max-age=31536000";

    public static WebApplication UseCreditFlowSecurityHeaders(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.XContentTypeOptions = "nosniff";
                if (PublicAddress.CookiesMustBeSecure(http))
                {
                    http.Response.Headers.StrictTransportSecurity = OneYear;
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }
}
