using CreditFlow.Host.Credit;
using CreditFlow.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Workspace;

/// <summary>The workspace's short answers that are pages of their own (<see cref="NoticePage"/>), with their status codes.</summary>
internal static class WorkspaceNotices
{
    /// <summary>A post that did not come as a form, e.g. sent by a script to a page's address: 400, nothing done.</summary>
    public static RazorComponentResult<NoticePage> NotAForm(CreditUser user, string instead, string pagePath, string pageLabel) =>
        Notice(user, "Not a form", instead, StatusCodes.Status400BadRequest, (pageLabel, pagePath));

    /// <summary>Something the signed-in user's role may not do: 403, nothing done.</summary>
    public static RazorComponentResult<NoticePage> NotAllowed(CreditUser user, string why, string pagePath, string pageLabel) =>
        Notice(user, "Not allowed", why, StatusCodes.Status403Forbidden, (pageLabel, pagePath));

    /// <summary>An address that names nothing on file: 404.</summary>
    public static RazorComponentResult<NoticePage> NotFound(CreditUser user, string title, string text, string pagePath, string pageLabel) =>
        Notice(user, title, text, StatusCodes.Status404NotFound, (pageLabel, pagePath));

    /// <summary>A post from another site, refused before anything ran (<see cref="SameOriginFilter"/>): 403, in the frame without navigation.</summary>
    public static IResult CrossOrigin(string origin) =>
        new RazorComponentResult<NoticePage>(new { Title = "Cross-origin request refused", Text = SameOriginFilter.Refusal(origin), UserName = (string?)null })
        {
            StatusCode = StatusCodes.Status403Forbidden,
        };

    /// <summary>
    /// A post without this browser's form token (<see cref="FormTokenFilter"/>): 400, in the frame without navigation,
    /// linking back to the page the form was on when the browser said so (<c>Referer</c>, sent to this site only).
    /// </summary>
    public static IResult StaleForm(HttpContext http) =>
        new RazorComponentResult<NoticePage>(new
        {
            Title = "Form out of date",
            Text = FormTokenFilter.Refusal,
            Back = FormPage(http) is { } page ? ("Open the page again", page) : ((string, string)?)null,
            UserName = (string?)null,
        })
        {
            StatusCode = StatusCodes.Status400BadRequest,
        };

    private static string? FormPage(HttpContext http) =>
        Uri.TryCreate(http.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
        && PublicAddress.IsThisSite(http, referer.GetLeftPart(UriPartial.Authority))
        && CreditGuard.IsCreditPath(referer.AbsolutePath) ? referer.PathAndQuery : null;

    private static RazorComponentResult<NoticePage> Notice(CreditUser user, string title, string text, int statusCode, (string, string) back) =>
        new(new { Title = title, Text = text, Back = back, UserName = user.Name, UserRole = WorklistText.Words(user.Role) }) { StatusCode = statusCode };
}
