using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;

namespace CreditFlow.Host.Credit;

/// <summary>
/// The endpoint filter of the credit pages that need a signed-in user: without a valid session
/// (<see cref="CreditSessions"/>) a GET goes to the sign-in form, remembering where it was going,
/// and a POST goes there doing nothing. Cross-origin POSTs and POSTs without the form's token are refused, before
/// this, and the browser hardened by the workspace's group filters (<see cref="Workspace.WorkspacePages.GuardedAsWorkspacePages"/>).
/// </summary>
internal static class CreditGuard
{
    public const string SignInPath = "/credit/sign-in";

    public static async ValueTask<object?> SignedInAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // An API key's session, or a person signed in with the organisation's account, acting in their first role.
        var user = http.RequestServices.GetRequiredService<CreditSessions>().Read(http.Request.Cookies[CreditSessions.CookieName])
            ?? (await StaffSignIn.PersonAsync(http) is { } staff ? new CreditUser(staff.Name, staff.Roles[0], staff.Expires) : null);
        if (user is not null)
        {
            http.Items[typeof(CreditUser)] = user;
            return await next(context);
        }

        var back = HttpMethods.IsGet(http.Request.Method) ? $"?next={Html.U(http.Request.Path + http.Request.QueryString)}" : "";
        return Flash.SeeOther(http, SignInPath + back);
    }

    /// <summary>The signed-in user of a request that passed <see cref="SignedInAsync"/>.</summary>
    public static CreditUser User(HttpContext http) =>
        http.Items[typeof(CreditUser)] as CreditUser ?? throw new InvalidOperationException("The endpoint must pass CreditGuard.SignedInAsync.");

    /// <summary>True for a path of the credit pages, never an absolute or protocol-relative URL (no open redirect).</summary>
    public static bool IsCreditPath(string? path) =>
        path is not null && path.StartsWith(CreditSessions.CookiePath + "/", StringComparison.Ordinal)
        && !path.Contains("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal);
}
