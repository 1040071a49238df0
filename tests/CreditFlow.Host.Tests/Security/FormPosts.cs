using System.Net;
using System.Text.RegularExpressions;
using CreditFlow.Host.Security;

namespace CreditFlow.Host.Tests.Security;

/// <summary>
/// Posting the pages' forms as a browser does: it opens the page first, which sets the antiforgery cookie (kept in the
/// client's cookie jar) and carries the token in the form's hidden <c>__RequestVerificationToken</c> field, then posts
/// the fields with that token. Every test that posts a credit or admin form goes through here.
/// </summary>
internal static partial class FormPosts
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>A client like a browser: it keeps cookies and follows no redirect, so tests see each answer.</summary>
    public static HttpClient Browser(Uri baseAddress) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    /// <summary>A browser signed in to the credit pages through the sign-in form with <paramref name="key"/> (an API key).</summary>
    public static async Task<HttpClient> SignedInToCreditAsync(Uri baseAddress, string key, string? next = null)
    {
        var browser = Browser(baseAddress);
        using var response = await browser.PostFormAsync("/credit/sign-in", "/credit/sign-in", next is null ? [("key", key)] : [("key", key), ("next", next)]);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return browser;
    }

    /// <summary>The form token of the page at <paramref name="page"/>, which the browser opens (its antiforgery cookie kept in the jar).</summary>
    public static async Task<string> TokenAsync(this HttpClient browser, string page)
    {
        using var response = await browser.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        return TokenIn(html) ?? throw new Xunit.Sdk.XunitException($"GET {page} answered {(int)response.StatusCode} without a form token.");
    }

    /// <summary>
    /// For a client that keeps no cookies but sends its own: the form token of <paramref name="page"/> and the antiforgery
    /// cookie (<c>name=value</c>) the page set with it.
    /// </summary>
    public static async Task<(string Token, string Cookie)> TokenAndCookieAsync(this HttpClient client, string page)
    {
        using var response = await client.GetAsync(page);
        var token = TokenIn(await response.Content.ReadAsStringAsync()) ?? throw new Xunit.Sdk.XunitException($"GET {page} answered {(int)response.StatusCode} without a form token.");
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AntiforgeryCookie.CookieName + "=", StringComparison.Ordinal));
        return (token, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    /// <summary>The token in the first form of <paramref name="html"/>, or null.</summary>
    public static string? TokenIn(string html) => TokenInput().Match(html) is { Success: true } found ? found.Groups["token"].Value : null;

    /// <summary><paramref name="fields"/> with the token of <paramref name="page"/>, as the form there posts them.</summary>
    public static async Task<FormUrlEncodedContent> FormAsync(this HttpClient browser, string page, params IEnumerable<(string Name, string Value)> fields) =>
        Form(await browser.TokenAsync(page), fields);

    /// <summary><paramref name="fields"/> with <paramref name="token"/>.</summary>
    public static FormUrlEncodedContent Form(string token, IEnumerable<(string Name, string Value)> fields) =>
        new(fields.Append((TokenField, token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

    /// <summary>Opens <paramref name="page"/> and posts <paramref name="fields"/> to <paramref name="action"/> with its form token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string page, string action, params IEnumerable<(string Name, string Value)> fields) =>
        await browser.PostAsync(action, await browser.FormAsync(page, fields));

    /// <summary>Opens <paramref name="page"/> and posts the upload <paramref name="form"/> to <paramref name="action"/> with its form token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string page, string action, MultipartFormDataContent form)
    {
        form.Add(new StringContent(await browser.TokenAsync(page)), TokenField);
        return await browser.PostAsync(action, form);
    }

    [GeneratedRegex("<input[^>]*name=\"" + TokenField + "\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenInput();
}
