using CreditFlow.Host.Security;
namespace CreditFlow.Host.Pages;

/// <summary>
/// A one-time message shown on the page a POST redirects to, carried in a short-lived cookie
/// (not the URL, so a reload or a shared link does not repeat it).
/// </summary>
internal sealed record Flash(bool IsError, string Message)
{
    /// <summary>Where a "Dismiss" link goes, for a message that stays until dismissed; null for a one-time message.</summary>
    public string? DismissHref { get; init; }

    public const string CookieName = "creditflow-admin-flash";

    public static Flash Ok(string message) => new(false, message);

    public static Flash Error(string message) => new(true, message);

    /// <summary>Stores the message for the next page and answers a redirect to it (303: the browser follows with a GET).</summary>
    public static IResult RedirectWith(HttpContext context, string location, Flash flash)
    {
        context.Response.Cookies.Append(CookieName, (flash.IsError ? "e:" : "o:") + Uri.EscapeDataString(flash.Message), SessionCookies.For(context, "/admin", TimeSpan.FromMinutes(1)));
        return SeeOther(context, location);
    }

    /// <summary>303 See Other: after a POST the browser fetches <paramref name="location"/> with a GET.</summary>
    public static IResult SeeOther(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>The pending message, if any; reading it removes it.</summary>
    public static Flash? Take(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 2 } raw)
        {
            return null;
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/admin" });
        return new Flash(raw.StartsWith("e:", StringComparison.Ordinal), Uri.UnescapeDataString(raw[2..]));
    }
}
