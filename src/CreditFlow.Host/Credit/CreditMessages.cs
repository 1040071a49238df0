using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Credit;

/// <summary>
/// The frame of the credit pages under <c>/credit</c> in <see cref="PageLayout"/> (not the admin
/// frame: credit users are not ops admins), with who is signed in and as which role, and the
/// one-time messages of these pages. Values are encoded with <see cref="Html.E"/>.
/// </summary>
internal static class CreditHtml
{
    private const string FlashCookie = "creditflow-credit-flash";

    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
        header{background:#1d2330;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
        header a{color:#cfe0ff;text-decoration:none}header .who{margin-left:auto}
        main{padding:1rem 1.2rem;max-width:1200px}
        h1{font-size:1.3rem;margin:.2rem 0 1rem}
        table{border-collapse:collapse;background:#fff;width:100%}
        th,td{border:1px solid #dde1e7;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#eef1f5;font-weight:600}
        .flash{padding:.6rem .9rem;border-radius:4px;margin-bottom:1rem}.flash .dismiss{float:right;margin-left:1rem;color:inherit}
        .ok{background:#e3f6e8;border:1px solid #8fd3a1}.error{background:#fde8e8;border:1px solid #f0a0a0}
        .above-authority{margin:0;padding:.3rem .5rem;background:#fff6e0;border:1px solid #f0d08a;border-radius:4px}
        .filters{display:flex;flex-wrap:wrap;gap:.8rem;align-items:end;margin-bottom:1rem}.filters label{display:flex;flex-direction:column}
        form.inline{display:inline}.muted{color:#6b7380}.mono{font-family:ui-monospace,monospace}button{cursor:pointer}
        """;

    /// <summary>The frame before signing in (and of refusals): no navigation.</summary>
    public static PageFrame SignedOut { get; } = new("CreditFlow credit", Style, "<b>CreditFlow</b> · credit");

    /// <summary>The frame of <paramref name="user"/>: the worklists (held orders, warnings, reviews, legal cases, tasks) and the blacklist, who is signed in as which role, sign-out.</summary>
    public static PageFrame For(CreditUser user) => SignedOut with
    {
        HeaderHtml = SignedOut.HeaderHtml
            + "<a href=\"/credit/dashboard\">Dashboard</a>"
            + "<a href=\"/credit/customers\">Customers</a>"
            + "<a href=\"/credit/holds\">Held orders</a>"
            + "<a href=\"/credit/warnings\">Warnings</a>"
            + "<a href=\"/credit/reviews\">Reviews</a>"
            + "<a href=\"/credit/cases\">Cases</a>"
            + "<a href=\"/credit/tasks\">Tasks</a>"
            + "<a href=\"/credit/blacklist\">Blacklist</a>"
            + $"<span class=\"who\" id=\"signed-in\">Signed in as <b>{Html.E(user.Name)}</b> ({Html.E(user.Role.ToString())})</span>"
            + "<form class=\"inline\" method=\"post\" action=\"/credit/sign-out\"><button type=\"submit\">Sign out</button></form>",
    };

    /// <summary>A complete page; <paramref name="user"/> null on the sign-in page.</summary>
    public static ContentHttpResult Page(string title, string body, CreditUser? user, Flash? flash = null, int statusCode = StatusCodes.Status200OK) =>
        PageLayout.Page(user is null ? SignedOut : For(user), title, body, flash, statusCode);

    /// <summary>The address that dismisses the credit pages' message and returns to the page it was on.</summary>
    public const string DismissPath = "/credit/dismiss";

    /// <summary>Keeps <paramref name="flash"/> for the credit pages and answers 303 to <paramref name="location"/>.</summary>
    public static IResult RedirectWith(HttpContext http, string location, Flash flash)
    {
        // An hour: the outcome of a decision stays on the pages until the user dismisses it (or decides again).
        http.Response.Cookies.Append(FlashCookie, (flash.IsError ? "e:" : "o:") + Uri.EscapeDataString(flash.Message), SessionCookies.For(http, CreditSessions.CookiePath, TimeSpan.FromHours(1)));
        return Flash.SeeOther(http, location);
    }

    /// <summary>The message of the last decision, if any; it stays (a reload shows it again) until dismissed.</summary>
    public static Flash? TakeFlash(HttpContext http)
    {
        if (http.Request.Cookies[FlashCookie] is not { Length: > 2 } raw)
        {
            return null;
        }

        var back = http.Request.Path + http.Request.QueryString;
        return new Flash(raw.StartsWith("e:", StringComparison.Ordinal), Uri.UnescapeDataString(raw[2..])) { DismissHref = $"{DismissPath}?back={Uri.EscapeDataString(back)}" };
    }

    /// <summary>Maps <see cref="DismissPath"/>: forgets the message and returns to the credit page named by <c>back</c>.</summary>
    public static void MapFlashDismiss(this IEndpointRouteBuilder app) =>
        app.MapGet(DismissPath, (HttpContext http, string? back) =>
        {
            http.Response.Cookies.Delete(FlashCookie, new CookieOptions { Path = CreditSessions.CookiePath });
            return Flash.SeeOther(http, CreditGuard.IsCreditPath(back) ? back! : "/credit/holds");
        }).ExcludeFromDescription().WithName("CreditDismissMessage").WithSummary("Dismisses the credit pages' message.");
}
