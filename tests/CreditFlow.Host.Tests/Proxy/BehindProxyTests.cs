using System.Net;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Testing;

namespace CreditFlow.Host.Tests.Proxy;

/// <summary>
/// The host behind a TLS-terminating proxy: what a listed proxy forwards is believed (scheme, host, client),
/// what anyone else claims in <c>X-Forwarded-*</c> changes nothing; the public links answer 429 past their limit.
/// </summary>
public sealed class BehindProxyTests
{
    private const string AdminKey = "proxy-test-admin-key-0123456789";
    private const string PublicHost = "credit.example.test";

    private static HttpClient Browser(Uri address) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [Fact]
    public async Task PostThroughAListedProxy_SignsInWithASecureCookie_AndEachForwardedClientHasItsOwnLimit()
    {
        var azurite = await SharedAzurite.GetAsync();
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["AdminKey"] = AdminKey,
            ["PublicBaseUrl"] = $"https://{PublicHost}",
            ["Proxy__KnownProxies"] = "127.0.0.1, ::1",
            ["RateLimits__Links"] = "2",
        });
        await using var proxy = await ForwardingProxy.StartAsync(host.Client.BaseAddress!, PublicHost);
        using var browser = Browser(proxy.Url);

        // The browser is on https://credit.example.test; the host hears http from the proxy. The login form's
        // antiforgery cookie is Secure too.
        using var loginPage = await browser.GetAsync("/admin/login");
        var formCookie = Assert.Single(loginPage.Headers.GetValues("Set-Cookie"), c => c.StartsWith("creditflow-antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", formCookie, StringComparison.OrdinalIgnoreCase);
        var token = FormPosts.TokenIn(await loginPage.Content.ReadAsStringAsync())!;
        using var login = new HttpRequestMessage(HttpMethod.Post, "/admin/login") { Content = FormPosts.Form(token, [("key", AdminKey), ("next", "/admin")]) };
        login.Headers.Add("Origin", $"https://{PublicHost}");
        login.Headers.Add("Cookie", formCookie[..formCookie.IndexOf(';', StringComparison.Ordinal)]);
        using var signedIn = await browser.SendAsync(login);

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("creditflow-admin=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", signedIn.Headers.GetValues("Strict-Transport-Security").Single());

        // Two clients behind the same proxy: each has its own two link requests a minute.
        foreach (var client in new[] { "203.0.113.7", "203.0.113.8" })
        {
            proxy.ClientAddress = client;
            for (var i = 0; i < 2; i++)
            {
                Assert.NotEqual(HttpStatusCode.TooManyRequests, (await browser.GetAsync("/approvals/not-a-token")).StatusCode);
            }
        }

        using var third = await browser.GetAsync("/approvals/not-a-token");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("Too many requests", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedForwardedHeaders_FromAnUnlistedAddress_AreIgnored()
    {
        var azurite = await SharedAzurite.GetAsync();
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["AdminKey"] = AdminKey,
            ["Proxy__KnownProxies"] = "10.9.8.7", // the real proxy; the test client on loopback is not it
            ["RateLimits__Links"] = "2",
        });
        using var browser = Browser(host.Client.BaseAddress!);

        // A forged host would make the forged origin "this site"; ignored, the post is cross-origin and refused.
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/admin/login") { Content = Form(("key", AdminKey), ("next", "/admin")) };
        forged.Headers.Add("Origin", "https://evil.example");
        forged.Headers.Add("X-Forwarded-Host", "evil.example");
        forged.Headers.Add("X-Forwarded-Proto", "https");
        forged.Headers.Add("X-Forwarded-For", "198.51.100.1");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(forged)).StatusCode);

        // Nor does a forged scheme make the cookie Secure (the site is plain http here).
        var form = await browser.TokenAndCookieAsync("/admin/login");
        using var login = new HttpRequestMessage(HttpMethod.Post, "/admin/login") { Content = FormPosts.Form(form.Token, [("key", AdminKey), ("next", "/admin")]) };
        login.Headers.Add("X-Forwarded-Proto", "https");
        login.Headers.Add("Cookie", form.Cookie);
        using var signedIn = await browser.SendAsync(login);
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.DoesNotContain("secure", Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("creditflow-admin=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
        Assert.False(signedIn.Headers.Contains("Strict-Transport-Security"));

        // Nor does a forged client address buy a fresh rate limit: every request counts against loopback.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/approvals/not-a-token");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 10}");
            statuses.Add((await browser.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
    }
}
