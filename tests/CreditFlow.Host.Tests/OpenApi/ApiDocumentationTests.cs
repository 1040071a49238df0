using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CreditFlow.Host.Tests.OpenApi;

public sealed partial class ApiDocumentationTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Document_EveryApiRoute_IsDescribed()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var document = (await api.Anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        var described = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}"))
            .ToHashSet();
        var mapped = ApiRoutes(api.Services).ToList();
        Assert.Contains("POST /api/applications", mapped);
        Assert.Contains("GET /api/customers/{id}", mapped);
        Assert.All(mapped, route => Assert.Contains(route, described));
        Assert.DoesNotContain(described, route => route.Contains("/api/docs", StringComparison.Ordinal)); // the reference page and its scripts
    }

    [Fact]
    public async Task Document_FileApplication_HasBodySchemaRolesAndApiKeyScheme()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var document = (await api.Anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", scheme["type"]!.GetValue<string>());
        Assert.Equal("header", scheme["in"]!.GetValue<string>());
        Assert.Equal("x-api-key", scheme["name"]!.GetValue<string>());

        var file = document["paths"]!["/api/applications"]!["post"]!;
        Assert.Equal("Files a credit application and starts its onboarding.", file["summary"]!.GetValue<string>());
        Assert.Contains("Roles: SalesRep, CreditOfficer, CreditManager, Admin.", file["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(file["security"]![0]!["ApiKey"]);
        var bodySchema = file["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        var body = document["components"]!["schemas"]![bodySchema.Split('/')[^1]]!;
        Assert.NotNull(body["properties"]!["customer"]);
        Assert.NotNull(body["properties"]!["financialFigures"]);
        Assert.Equal(
            ["202", "400", "401", "403", "409", "415"],
            file["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal("application/problem+json", file["responses"]!["403"]!["content"]!.AsObject().Single().Key);
    }

    [Fact]
    public async Task Document_Numbers_AreNeverAlsoStrings()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var document = (await api.Anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        var types = Descendants(document).OfType<JsonObject>().Select(o => o["type"]).OfType<JsonArray>()
            .Select(t => string.Join(" or ", t.Select(x => x!.GetValue<string>()))).ToList();
        Assert.DoesNotContain(types, t => t.Contains("string", StringComparison.Ordinal) && (t.Contains("integer", StringComparison.Ordinal) || t.Contains("number", StringComparison.Ordinal)));
        var file = document["components"]!["schemas"]!["FileApplicationBody"]!["properties"]!;
        Assert.Equal("integer", string.Join(" or ", Types(file["requestedTermDays"]!).Where(t => t != "null")));
    }

    [Fact]
    public async Task ReferencePage_IsScalarReadingTheDocument_ItsScriptsServedHere_NothingFromElsewhere()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var response = await api.Anonymous.GetAsync("/api/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = response.RequestMessage!.RequestUri!;
        Assert.Equal("/api/docs/", page.AbsolutePath); // Scalar redirects to the slash, where its relative script paths resolve
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>CreditFlow API</title>", html, StringComparison.Ordinal);
        Assert.Contains("<div id=\"app\"></div>", html, StringComparison.Ordinal);
        Assert.Contains("\"sources\":[{\"title\":\"v1\",\"url\":\"openapi/v1.json\"}]", html, StringComparison.Ordinal); // from the site's root
        Assert.Contains("\"preferredSecurityScheme\":[\"ApiKey\"]", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("://", html, StringComparison.Ordinal);

        var scripts = ScriptSource().Matches(html).Select(m => new Uri(page, m.Groups[1].Value)).ToList();
        Assert.Equal(["/api/docs/scalar.js", "/api/docs/scalar.aspnetcore.js"], scripts.Select(s => s.AbsolutePath));
        foreach (var script in scripts)
        {
            Assert.Equal(page.Authority, script.Authority);
            using var served = await api.Anonymous.GetAsync(script);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("text/javascript", served.Content.Headers.ContentType?.MediaType);
            Assert.NotEmpty(await served.Content.ReadAsByteArrayAsync());
        }

        // Scripts run only by this answer's nonce; the page reaches nothing but this host.
        var nonces = Nonce().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal($"'nonce-{Assert.Single(nonces)}'", Directive(policy, "script-src"));
        Assert.Equal("'none'", Directive(policy, "default-src"));
        Assert.Equal("'self'", Directive(policy, "connect-src"));
    }

    [Fact]
    public async Task ReferencePage_OfADocumentThatDoesNotExist_Is404_TheRealOneAndTheScriptsStillAnswer()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        using var unknown = await api.Anonymous.GetAsync("/api/docs/anything");
        using var v2 = await api.Anonymous.GetAsync("/api/docs/v2");
        using var v1 = await api.Anonymous.GetAsync("/api/docs/v1");
        using var root = await api.Anonymous.GetAsync("/api/docs/");
        using var script = await api.Anonymous.GetAsync("/api/docs/scalar.js");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknown.StatusCode, v2.StatusCode));
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var problem = (await unknown.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("No such API document", problem["title"]!.GetValue<string>());
        Assert.Contains("no API document 'anything'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("/api/docs/", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "text/html"), (v1.StatusCode, v1.Content.Headers.ContentType?.MediaType));
        Assert.Contains("<div id=\"app\"></div>", await v1.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "text/html"), (root.StatusCode, root.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.OK, "text/javascript"), (script.StatusCode, script.Content.Headers.ContentType?.MediaType));
    }

    /// <summary>The value of one directive of a Content-Security-Policy.</summary>
    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..];

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("<script[^>]*\\snonce=\"([^\"]+)\"")]
    private static partial Regex Nonce();

    private static IEnumerable<JsonNode> Descendants(JsonNode node) =>
        node switch
        {
            JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
            JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
            _ => [node],
        };

    /// <summary>A schema's "type", one name or an array of names.</summary>
    private static IEnumerable<string> Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray names => names.Select(n => n!.GetValue<string>()),
        { } name => [name.GetValue<string>()],
        null => [],
    };

    /// <summary>"METHOD /path" of every mapped /api route that is not deliberately left out of the description.</summary>
    private static IEnumerable<string> ApiRoutes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {OpenApiPath(e.RoutePattern.RawText!)}"));

    /// <summary>A route template as OpenAPI writes it: leading slash, no trailing one, no catch-all stars or constraints.</summary>
    private static string OpenApiPath(string template) => "/" + RouteParameter().Replace(template.Trim('/'), m => "{" + m.Groups[1].Value + "}");

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
