using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;

namespace CreditFlow.Host.Credit;

/// <summary>
/// The one-time messages of the credit pages under <c>/credit</c>: what a form post did, kept in a cookie across its
/// redirect and shown by the page it lands on until dismissed. The pages themselves are Razor components on
/// <see cref="Workspace.WorkspaceLayout"/>.
/// </summary>
internal static class CreditMessages
{
    private const string FlashCookie = "creditflow-credit-flash";

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
