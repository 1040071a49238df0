using CreditFlow.ErpContract;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Testing;
using CreditFlow.Workflows.OrderCheck;

namespace CreditFlow.Host.Tests.Problems;

/// <summary>
/// Every route of the OpenAPI document, asked with bad input (no key, a role not allowed, unknown ids,
/// bad query values, bodies with a stray field, not JSON, not JSON at all), answers each 4xx the same
/// way: <c>application/problem+json</c> whose title says what went wrong and, for input, names each
/// field by its JSON path.
/// </summary>
public sealed partial class ErrorFormatTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private const string ErpKey = "error-format-erp-signing-key-0123456789";

    // Titles that only repeat the status, or the framework's generic validation title.
    private static readonly HashSet<string> StatusOnlyTitles = new(StringComparer.OrdinalIgnoreCase)
    {
        "One or more validation errors occurred.", "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed",
        "Conflict", "Unsupported Media Type", "Payload Too Large", "Request Entity Too Large", "Unprocessable Entity", "An error occurred while processing your request.",
    };

    [Fact]
    public async Task EveryRoute_BadInput_EachFourHundredIsProblemJsonWithATitleAndFieldPaths()
    {
        await using var host = await StartAsync();
        var document = (await host.Client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

        var answers = new List<Answer>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (verb, operation) in item!.AsObject())
            {
                var method = verb.ToUpperInvariant();
                var url = ApiWalk.Placeholders(path);
                var allowed = AllowedRoles(operation!);
                var anyAllowed = allowed.Count == 0 ? CreditRole.Finance : allowed[0];
                var notAllowed = Enum.GetValues<CreditRole>().Where(r => allowed.Count > 0 && !allowed.Contains(r)).Cast<CreditRole?>().FirstOrDefault();
                var isErp = path.StartsWith("/api/erp/", StringComparison.Ordinal);
                var takesBody = method is "POST" or "PUT";
                var contentType = operation!["requestBody"]?["content"]?.AsObject().Select(c => c.Key).FirstOrDefault() ?? "application/json";

                // Who is asking: nobody, then a role the operation does not allow.
                if (operation["security"] is not null || isErp)
                {
                    answers.Add(await SendAsync(host, "no credentials", method, url, takesBody ? Json("{}") : null, key: null, sign: false));
                }

                if (notAllowed is { } role)
                {
                    answers.Add(await SendAsync(host, $"role {role}", method, url, takesBody ? Json("{}") : null, KeyOf(role), sign: false));
                }

                // What is asked, by someone allowed to ask it.
                var key = isErp ? null : KeyOf(anyAllowed);
                var query = operation["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToList() ?? [];
                if (query.Count > 0)
                {
                    answers.Add(await SendAsync(host, "bad query values", method, url + "?" + string.Join("&", query.Select(q => $"{q}=%25bad%25")), null, key, isErp));
                }
                else if (!takesBody)
                {
                    answers.Add(await SendAsync(host, "unknown id", method, url, null, key, isErp));
                }

                if (takesBody && contentType == "application/json")
                {
                    answers.Add(await SendAsync(host, "stray field", method, url, Json("""{"notAField": 1}"""), key, isErp));
                    answers.Add(await SendAsync(host, "wrong JSON type", method, url, Json("""{"notAField": "x", "amount": "lots"}"""), key, isErp));
                    answers.Add(await SendAsync(host, "malformed JSON", method, url, Json("""{"a": """), key, isErp));
                    answers.Add(await SendAsync(host, "not JSON", method, url, new StringContent("hello", Encoding.UTF8, "text/plain"), key, isErp));
                }
                else if (takesBody)
                {
                    answers.Add(await SendAsync(host, "form without the file", method, url, new MultipartFormDataContent { { new StringContent("x"), "note" } }, key, isErp));
                    answers.Add(await SendAsync(host, "not a form", method, url, Json("{}"), key, isErp));
                }
            }
        }

        answers.Add(await SendAsync(host, "unknown route", "GET", "/api/no-such-thing", null, KeyOf(CreditRole.Admin), sign: false));
        answers.Add(await SendAsync(host, "wrong method", "DELETE", "/api/applications", null, KeyOf(CreditRole.Admin), sign: false));

        Assert.Contains(answers, a => a.Status == 400 && a.Case == "wrong JSON type");
        Assert.Contains(answers, a => a.Status == 401);
        Assert.Contains(answers, a => a.Status == 403);
        Assert.Contains(answers, a => a.Status == 404);
        Assert.Contains(answers, a => a.Status == 405);
        Assert.Contains(answers, a => a.Status == 415);
        Assert.All(answers, a => Assert.True(a.Problems.Count == 0, $"{a}: {string.Join("; ", a.Problems)}"));
    }

    [Fact]
    public async Task DecideHold_UnknownHoldOrBadOutcome_ProblemDetailsSayWhich()
    {
        await using var host = await StartAsync();

        using var unknownResponse = await PostAsync(host, "/api/holds/hold-nobody-has/decision", """{"outcome": "release"}""");
        using var badOutcomeResponse = await PostAsync(host, "/api/holds/hold-nobody-has/decision", """{"outcome": "maybe"}""");

        Assert.Equal("application/problem+json", unknownResponse.Content.Headers.ContentType?.MediaType);
        var notFound = (await unknownResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(404, notFound["status"]!.GetValue<int>());
        Assert.Equal("Hold not found", notFound["title"]!.GetValue<string>());
        Assert.Equal("No hold 'hold-nobody-has'.", notFound["detail"]!.GetValue<string>());
        var badOutcome = (await badOutcomeResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Invalid request", badOutcome["title"]!.GetValue<string>());
        Assert.Equal("must be \"release\" or \"reject\".", badOutcome["errors"]!["outcome"]![0]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> PostAsync(RunningHost host, string url, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(json) };
        request.Headers.Add("x-api-key", KeyOf(CreditRole.CreditOfficer));
        return host.Client.SendAsync(request);
    }

    private static async Task<Answer> SendAsync(RunningHost host, string what, string method, string url, HttpContent? content, string? key, bool sign)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (sign)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var body = content is null ? [] : await content.ReadAsByteArrayAsync();
            request.Headers.Add(ErpSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(ErpSignature.SignatureHeader, ErpSignature.Sign(ErpKey, timestamp, body));
        }

        using var response = await host.Client.SendAsync(request);
        var status = (int)response.StatusCode;
        var problems = new List<string>();
        if (status is < 400 or >= 500)
        {
            problems.Add("bad input must answer 4xx");
        }
        else
        {
            problems.AddRange(await ShapeProblemsAsync(response, status));
        }

        return new Answer(what, $"{method} {url}", status, problems);
    }

    /// <summary>What is wrong with a 4xx answer's form: content type, title, status, and the errors' paths.</summary>
    private static async Task<IEnumerable<string>> ShapeProblemsAsync(HttpResponseMessage response, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return [$"content type {response.Content.Headers.ContentType?.MediaType ?? "(none)"}: {Clip(await response.Content.ReadAsStringAsync())}"];
        }

        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var found = new List<string>();
        var title = problem["title"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(title) || StatusOnlyTitles.Contains(title))
        {
            found.Add($"title '{title}' does not say what went wrong");
        }

        if (problem["status"]?.GetValue<int>() != status)
        {
            found.Add($"status {problem["status"]} in the body");
        }

        if (status is 400 or 422 && problem["errors"] is not JsonObject)
        {
            found.Add("an input error without 'errors'");
        }

        foreach (var (field, messages) in problem["errors"] as JsonObject ?? [])
        {
            if (!JsonPath().IsMatch(field))
            {
                found.Add($"'{field}' is not a JSON path");
            }

            if (messages is not JsonArray { Count: > 0 } list || list.Any(m => string.IsNullOrWhiteSpace(m?.GetValue<string>())))
            {
                found.Add($"'{field}' has no message");
            }
        }

        return found;
    }

    private static List<CreditRole> AllowedRoles(JsonNode operation)
    {
        var match = Regex.Match(operation["description"]?.GetValue<string>() ?? "", "Roles: ([A-Za-z, ]+)\\.");
        return match.Success && !match.Groups[1].Value.StartsWith("any", StringComparison.Ordinal)
            ? [.. match.Groups[1].Value.Split(", ").Select(Enum.Parse<CreditRole>)]
            : [];
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    private static string KeyOf(CreditRole role) => $"error-format-key-{role.ToString().ToLowerInvariant()}-0123456789";

    private static string Clip(string text) => text.Length <= 120 ? text : text[..120] + "…";

    private Task<RunningHost> StartAsync()
    {
        var settings = new Dictionary<string, string?> { ["Erp__SigningKeys__0"] = ErpKey };
        foreach (var (role, i) in Enum.GetValues<CreditRole>().Select((r, i) => (r, i)))
        {
            settings[$"ApiKeys__{i}__Name"] = $"{role} of the error-format test";
            settings[$"ApiKeys__{i}__Role"] = role.ToString();
            settings[$"ApiKeys__{i}__Sha256"] = CreditApiHost.Sha256Hex(KeyOf(role));
        }

        return RunningHost.StartAsync(storage.ConnectionString, settings);
    }

    [GeneratedRegex(@"^(\$|[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*)*)$")]
    private static partial Regex JsonPath();

    private sealed record Answer(string Case, string Request, int Status, IReadOnlyList<string> Problems)
    {
        public override string ToString() => $"{Case}: {Request} → {Status}";
    }
}
