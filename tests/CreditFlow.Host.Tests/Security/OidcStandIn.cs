using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CreditFlow.Host.Tests.Security;

/// <summary>
/// An OpenID Connect provider on loopback, enough for the code flow: discovery, a JWKS with its own RSA
/// key, an authorize endpoint that signs in whoever the test says (no form), and a token endpoint that
/// issues an RS256-signed id token with the nonce, name and role claims. No outside network.
/// </summary>
internal sealed class OidcStandIn : IAsyncDisposable
{
    public const string ClientId = "creditflow-test";
    public const string ClientSecret = "stand-in-secret";
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "stand-in-1" };
    private readonly ConcurrentDictionary<string, (string Nonce, string Challenge)> _codes = new();

    private OidcStandIn(WebApplication app) => _app = app;

    public Uri Issuer { get; private set; } = null!;

    /// <summary>Who signs in next: name and role-claim values.</summary>
    public (string Name, string[] Roles) Person { get; set; } = ("Wang Lei", ["CreditFlow.CreditManager"]);

    public static async Task<OidcStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new OidcStandIn(app);
        app.MapGet("/.well-known/openid-configuration", standIn.Discovery);
        app.MapGet("/jwks", standIn.Keys);
        app.MapGet("/authorize", standIn.Authorize);
        app.MapPost("/token", (Delegate)standIn.TokenAsync);
        await app.StartAsync();
        standIn.Issuer = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return standIn;
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer.AbsoluteUri,
        ["authorization_endpoint"] = new Uri(Issuer, "authorize").AbsoluteUri,
        ["token_endpoint"] = new Uri(Issuer, "token").AbsoluteUri,
        ["jwks_uri"] = new Uri(Issuer, "jwks").AbsoluteUri,
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
    });

    private IResult Keys()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
        return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
    }

    // Signs in at once: the stand-in has no login form; the test decides who comes back.
    private IResult Authorize(HttpContext http)
    {
        var query = http.Request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256")
        {
            return Results.BadRequest("unexpected authorization request");
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (query["nonce"].ToString(), query["code_challenge"].ToString());
        return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || !_codes.TryRemove(form["code"].ToString(), out var issued))
        {
            return Results.BadRequest(new { error = "invalid_grant" });
        }

        // PKCE: the verifier must hash to the challenge the authorize request carried.
        var hashed = Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (hashed != issued.Challenge)
        {
            return Results.BadRequest(new { error = "invalid_grant", error_description = "PKCE verifier does not match" });
        }

        var claims = new Dictionary<string, object>
        {
            ["sub"] = Person.Name.ToLowerInvariant().Replace(' ', '.'),
            ["name"] = Person.Name,
            ["nonce"] = issued.Nonce,
            ["roles"] = Person.Roles,
        };
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer.AbsoluteUri,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new { access_token = "stand-in-access-token", token_type = "Bearer", expires_in = 600, id_token = idToken });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
