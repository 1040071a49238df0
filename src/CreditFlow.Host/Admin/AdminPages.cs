using CreditFlow.Host.Admin;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Host.Workspace;
using Microsoft.AspNetCore.Http.HttpResults;

// In the host's root namespace, so CreditFlowApp maps it with one line and no extra using.
namespace CreditFlow.Host;

/// <summary>
/// The monitor UI under <c>/admin</c>: server-rendered pages over the durable client, signed in
/// with the admin key (a session cookie after the login form). Every POST needs <c>confirm=yes</c>,
/// a same-origin (or absent) <c>Origin</c> header and the form's antiforgery token.
/// </summary>
public static class AdminPages
{
    public static RouteGroupBuilder MapAdminPages(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").GuardedAsAdminPages().ExcludeFromDescription();
        admin.MapGet("/login", LoginForm).WithName("AdminLoginForm").WithSummary("The admin login form.");
        admin.MapPost("/login", LoginAsync).WithName("AdminLogin").WithSummary("Signs in with the admin key.");
        admin.MapPost("/logout", Logout).WithName("AdminLogout").WithSummary("Ends the admin session.");

        var pages = admin.MapGroup("").AddEndpointFilter(AdminGuard.SignedInAsync);
        pages.MapInstanceListPage();
        pages.MapInstancePage();
        pages.MapInstanceActions();
        pages.MapOperationsPages();
        pages.MapRehearsalPage();
        return admin;
    }

    public static RazorComponentResult<LoginPage> LoginForm(HttpContext context, AdminKeyValidator validator, string? next) =>
        LoginPage(context, validator, next, error: null, StatusCodes.Status200OK);

    public static async Task<IResult> LoginAsync(HttpContext context, AdminKeyValidator validator)
    {
        var form = await AdminForms.ReadAsync(context.Request, context.RequestAborted);
        var next = form?["next"].ToString();
        if (form is null || !validator.IsValidKey(form["key"].ToString()))
        {
            return LoginPage(context, validator, next, "That is not the admin key.", StatusCodes.Status401Unauthorized);
        }

        context.Response.Cookies.Append(AdminKeyValidator.CookieName, validator.CreateSession(), SessionCookies.For(context, "/admin", AdminKeyValidator.SessionLifetime));
        return Flash.SeeOther(context, AdminGuard.IsAdminPath(next) ? next! : "/admin");
    }

    public static IResult Logout(HttpContext context)
    {
        context.Response.Cookies.Delete(AdminKeyValidator.CookieName, new CookieOptions { Path = "/admin" });
        return Flash.SeeOther(context, "/admin/login");
    }

    private static RazorComponentResult<LoginPage> LoginPage(HttpContext context, AdminKeyValidator validator, string? next, string? error, int statusCode)
    {
        var back = AdminGuard.IsAdminPath(next) ? next! : "/admin";

        // With staff sign-in configured, a person holding the Admin role signs in with the organisation's account.
        var staff = context.RequestServices.GetRequiredService<Configuration.CreditFlowSettings>().StaffSignIn is null ? null : $"{StaffSignIn.StartPath}?next={Html.U(back)}";
        return new RazorComponentResult<LoginPage>(new
        {
            Next = back,
            StaffSignInHref = staff,
            KeyConfigured = validator.IsConfigured,
            Message = error is null ? null : new PageMessage(true, error, null),
        })
        {
            StatusCode = statusCode,
        };
    }
}
