using CreditFlow.Host.Admin;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Host.Workspace;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Credit;

/// <summary>
/// Signing in to the credit pages with an API key (the same keys as <c>/api/*</c>): the session
/// cookie carries the key's name and role, and the pages act as that user (<see cref="CreditSessions"/>).
/// </summary>
internal static class CreditSignIn
{
    private const string Home = Workspace.Dashboard.DashboardEndpoint.Path;

    public static RouteGroupBuilder MapCreditSignIn(this IEndpointRouteBuilder app)
    {
        var credit = app.MapGroup(CreditSessions.CookiePath).GuardedAsWorkspacePages().ExcludeFromDescription();
        credit.MapGet("", () => TypedResults.Redirect(Home)).WithName("CreditHome").WithSummary("The credit pages start at the receivables dashboard.");
        credit.MapGet("/sign-in", Form).WithName("CreditSignInForm").WithSummary("The sign-in form of the credit pages.");
        credit.MapPost("/sign-in", SignInAsync).WithName("CreditSignIn").WithSummary("Signs in with an API key.");
        credit.MapPost("/sign-out", (Delegate)SignOutAsync).WithName("CreditSignOut").WithSummary("Ends the credit session.");
        return credit;
    }

    /// <param name="refused">Why the organisation's provider did not sign the person in (no CreditFlow role, say).</param>
    public static RazorComponentResult<SignInPage> Form(HttpContext http, string? next, string? refused) =>
        Page(http, next, refused, refused is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);

    public static async Task<IResult> SignInAsync(HttpContext http, CreditSessions sessions)
    {
        var form = await AdminForms.ReadAsync(http.Request, http.RequestAborted);
        var next = form?["next"].ToString();
        if (sessions.Find(form?["key"].ToString()) is not { } key)
        {
            return Page(http, next, "That is not a configured API key.", StatusCodes.Status401Unauthorized);
        }

        http.Response.Cookies.Append(CreditSessions.CookieName, sessions.Create(key), CreditSessions.Options(http));
        return Flash.SeeOther(http, CreditGuard.IsCreditPath(next) ? next! : Home);
    }

    public static async Task<IResult> SignOutAsync(HttpContext http)
    {
        http.Response.Cookies.Delete(CreditSessions.CookieName, new CookieOptions { Path = CreditSessions.CookiePath });
        await StaffSignIn.SignOutAsync(http);
        return Flash.SeeOther(http, CreditGuard.SignInPath);
    }

    private static RazorComponentResult<SignInPage> Page(HttpContext http, string? next, string? error, int statusCode)
    {
        var target = CreditGuard.IsCreditPath(next) ? next! : Home;
        var staff = http.RequestServices.GetRequiredService<Configuration.CreditFlowSettings>().StaffSignIn is null ? null : $"{StaffSignIn.StartPath}?next={Html.U(target)}";
        return new RazorComponentResult<SignInPage>(new
        {
            Action = CreditGuard.SignInPath,
            Next = target,
            StaffSignInHref = staff,
            Message = error is null ? null : new PageMessage(IsError: true, error, DismissHref: null),
        })
        { StatusCode = statusCode };
    }
}
