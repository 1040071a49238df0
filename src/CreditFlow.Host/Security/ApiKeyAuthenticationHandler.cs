using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Security;

/// <summary>
/// Authenticates API callers by the <c>x-api-key</c> header against the <see cref="ApiKeyRing"/>.
/// The caller's identity name is the key's name and its single role claim the key's role;
/// a challenge answers 401 with problem details.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "x-api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName];
        if (presented.Count == 0 || string.IsNullOrEmpty(presented[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (presented.Count > 1)
        {
            return Task.FromResult(AuthenticateResult.Fail($"Send one key in the '{HeaderName}' header, not {presented.Count}."));
        }

        if (keys.Find(presented[0]!) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail($"The key in the '{HeaderName}' header is not a configured API key."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role.ToString())], SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        await TypedResults.Problem(
            title: "API key required",
            detail: result.Failure?.Message ?? $"Send your API key in the '{HeaderName}' header.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }
}
