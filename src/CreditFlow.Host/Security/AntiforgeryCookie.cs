namespace CreditFlow.Host.Security;

/// <summary>
/// The antiforgery cookie, flagged as the pages' other cookies are (<see cref="SessionCookies"/>): HttpOnly,
/// SameSite=Strict, and Secure whenever the site is https, even when TLS ended at a proxy
/// (<see cref="PublicAddress.CookiesMustBeSecure"/>). Decided per request, because antiforgery refuses to work at all
/// on a plain-http request when told to always require Secure.
/// </summary>
internal sealed class AntiforgeryCookie : CookieBuilder
{
    public const string CookieName = "creditflow-antiforgery";

    public AntiforgeryCookie()
    {
        Name = CookieName;
        HttpOnly = true;
        SameSite = SameSiteMode.Strict;
        SecurePolicy = CookieSecurePolicy.SameAsRequest;
        IsEssential = true;
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = PublicAddress.CookiesMustBeSecure(context);
        return options;
    }
}
