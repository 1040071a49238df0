using System.Security.Claims;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CreditFlow.Host.Security;

/// <summary>
/// Staff sign in to the credit and admin pages with their organisation account (OpenID Connect, code flow
/// with PKCE): the provider's role claim is mapped onto CreditFlow's roles (<see cref="StaffSignInSettings"/>)
/// and the person is held in a cookie of their own. API keys stay for machines and local use: both are
/// accepted where a page asks who is signed in.
/// </summary>
internal static class StaffSignIn
{
    public const string CookieScheme = "StaffCookie";
    public const string ChallengeScheme = "StaffOidc";
    public const string CookieName = "creditflow-staff";
    public const string StartPath = "/credit/sign-in/staff";
    public const string CallbackPath = "/signin-oidc";
    private const string SignInPage = "/credit/sign-in";

    /// <summary>The CreditFlow roles a signed-in person holds, most authority first.</summary>
    public const string RoleClaim = "creditflow_role";

    public static IServiceCollection AddStaffSignIn(this IServiceCollection services, CreditFlowSettings settings)
    {
        if (settings.StaffSignIn is not { } signIn)
        {
            return services;
        }

        services.AddAuthentication()
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;

                // Lax, not Strict: the session starts on the provider's redirect back, a navigation from another site.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = settings.PublicBaseUrl.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = CreditSessions.Lifetime;
                o.SlidingExpiration = false;
            })
            .AddOpenIdConnect(ChallengeScheme, o =>
            {
                o.Authority = signIn.Authority.AbsoluteUri;
                o.ClientId = signIn.ClientId;
                o.ClientSecret = signIn.ClientSecret;
                o.RequireHttpsMetadata = signIn.RequireHttpsMetadata;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.SignInScheme = CookieScheme;
                o.CallbackPath = CallbackPath;
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.TokenValidationParameters.NameClaimType = signIn.NameClaim;
                o.TokenValidationParameters.RoleClaimType = RoleClaim;
                o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy =
                    settings.PublicBaseUrl.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    // The provider sends people back to the public address, whatever the proxy in between told us.
                    context.ProtocolMessage.RedirectUri = PublicAddress.Link(settings, CallbackPath);
                    return Task.CompletedTask;
                };
                o.Events.OnTokenValidated = context => MapRoles(context, signIn);
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect($"{SignInPage}?refused={Uri.EscapeDataString(context.Failure?.Message ?? "Sign-in failed.")}");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });

        // The session and the sign-in's own cookies last people's real time, also while a rehearsal moves business time.
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<TimeProvider>((o, time) => o.TimeProvider = Rehearsal.RehearsalClock.RealClockOf(time));
        services.AddOptions<OpenIdConnectOptions>(ChallengeScheme).Configure<TimeProvider>((o, time) => o.TimeProvider = Rehearsal.RehearsalClock.RealClockOf(time));
        return services;
    }

    /// <summary><c>GET /credit/sign-in/staff?next=…</c>: off to the provider, and back to <c>next</c> (a credit or admin path) once signed in.</summary>
    public static IEndpointRouteBuilder MapStaffSignIn(this IEndpointRouteBuilder app, CreditFlowSettings settings)
    {
        if (settings.StaffSignIn is not null)
        {
            app.MapGet(StartPath, (string? next) => TypedResults.Challenge(
                    new AuthenticationProperties { RedirectUri = IsLocalPagePath(next) ? next : "/credit/holds" }, [ChallengeScheme]))
                .ExcludeFromDescription().WithName("StaffSignIn").WithSummary("Signs staff in with the organisation's OpenID Connect provider.");
        }

        return app;
    }

    /// <summary>The signed-in person and their CreditFlow roles (most authority first), or null.</summary>
    public static async Task<(string Name, IReadOnlyList<CreditRole> Roles, DateTimeOffset Expires)?> PersonAsync(HttpContext http)
    {
        if (http.RequestServices.GetRequiredService<CreditFlowSettings>().StaffSignIn is null)
        {
            return null;
        }

        var result = await http.AuthenticateAsync(CookieScheme);
        if (!result.Succeeded || result.Principal.Identity?.Name is not { Length: > 0 } name)
        {
            return null;
        }

        var roles = result.Principal.FindAll(RoleClaim).Select(c => Enum.Parse<CreditRole>(c.Value)).ToList();
        return roles.Count == 0 ? null : (name, roles, result.Properties?.ExpiresUtc ?? DateTimeOffset.MaxValue);
    }

    /// <summary>Ends the staff session (the provider's own session is the provider's).</summary>
    public static Task SignOutAsync(HttpContext http) =>
        http.RequestServices.GetRequiredService<CreditFlowSettings>().StaffSignIn is null ? Task.CompletedTask : http.SignOutAsync(CookieScheme);

    private static Task MapRoles(TokenValidatedContext context, StaffSignInSettings signIn)
    {
        var principal = context.Principal!;
        var values = principal.FindAll(signIn.RoleClaim).Select(c => c.Value);
        var roles = signIn.RolesOf(values);
        if (roles.Count == 0)
        {
            context.Fail($"Your account has no CreditFlow role: none of its '{signIn.RoleClaim}' values is mapped in SignIn__Roles.");
            return Task.CompletedTask;
        }

        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(RoleClaim, role.ToString()));
        }

        return Task.CompletedTask;
    }

    private static bool IsLocalPagePath(string? path) =>
        path is not null && (path.StartsWith("/credit/", StringComparison.Ordinal) || path == "/admin" || path.StartsWith("/admin/", StringComparison.Ordinal))
        && !path.Contains("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal);
}
