using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Admin;

/// <summary>The endpoint filters every admin page passes: browser hardening and sign-in (the same-origin and form-token checks are <see cref="SameOriginFilter"/> and <see cref="FormTokenFilter"/>).</summary>
internal static class AdminGuard
{
    // The pages on AdminLayout: styles and scripts from /assets only, no inline ones; nothing else loads, nothing
    // frames us, forms post only here.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// Hardening, then the same-origin check and the form-token check (<see cref="FormTokenFilter"/>), each refusing on
    /// the admin layout without its navigation: the SameSite=Strict cookie already keeps cross-site POSTs
    /// unauthenticated, these refuse them outright.
    /// </summary>
    public static RouteGroupBuilder GuardedAsAdminPages(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(HardenAsync)
            .AddEndpointFilter(SameOriginFilter.Refusing(origin =>
                new RazorComponentResult<AdminNotice>(new { Title = "Cross-origin request refused", Text = SameOriginFilter.Refusal(origin), SignedIn = false })
                {
                    StatusCode = StatusCodes.Status403Forbidden,
                }))
            .AddEndpointFilter(FormTokenFilter.Refusing(_ =>
                new RazorComponentResult<AdminNotice>(new { Title = "Form out of date", Text = FormTokenFilter.Refusal, SignedIn = false })
                {
                    StatusCode = StatusCodes.Status400BadRequest,
                }));

    /// <summary>Sets the security headers of an admin page.</summary>
    private static ValueTask<object?> HardenAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        PageHeaders.HardenWithFormTokens(context.HttpContext.Response.Headers, ContentSecurityPolicy);
        return next(context);
    }

    /// <summary>Sends a visitor without the admin key or a session to the login form, remembering where they were going.</summary>
    public static async ValueTask<object?> SignedInAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.RequestServices.GetRequiredService<AdminKeyValidator>().IsAuthorized(http.Request)
            || (await StaffSignIn.PersonAsync(http) is { } staff && staff.Roles.Contains(Domain.Roles.CreditRole.Admin)))
        {
            return await next(context);
        }

        var back = HttpMethods.IsGet(http.Request.Method) ? $"?next={Html.U(http.Request.Path + http.Request.QueryString)}" : "";
        return Flash.SeeOther(http, "/admin/login" + back);
    }

    /// <summary>True for a path of these pages, never an absolute or protocol-relative URL (no open redirect).</summary>
    public static bool IsAdminPath(string? path) =>
        path is not null && (path == "/admin" || path.StartsWith("/admin/", StringComparison.Ordinal))
        && !path.Contains("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal);
}
