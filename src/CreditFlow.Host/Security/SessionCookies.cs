namespace CreditFlow.Host.Security;

/// <summary>
/// The flags of every cookie the pages set (sessions and flash messages), decided once: HttpOnly,
/// SameSite=Strict (a cross-site request never carries them), Secure whenever the site is https even
/// if TLS ended at a proxy (<see cref="PublicAddress.CookiesMustBeSecure"/>), and only for their area's path.
/// </summary>
internal static class SessionCookies
{
    public static CookieOptions For(HttpContext http, string path, TimeSpan? maxAge = null) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = PublicAddress.CookiesMustBeSecure(http),
        Path = path,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
