using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Mail;
using CreditFlow.Host.Tests.Admin;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Applications;

/// <summary>
/// Mails for people: the "data needed" mail leads a sales rep to the application's page, where they
/// send the figure signed in with their key; the credit report opens in a browser for a signed-in user.
/// </summary>
public sealed class ApplicationPageTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private const string SalesRepEmail = "wang.li@creditflow.example";

    [Fact]
    public async Task DataNeeded_MailLinksThePage_SalesRepSendsTheFigureThere_OnboardingGoesOn()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var id = await FileWithoutCurrentRatioAsync(api);

        var mail = await MailToSalesAsync(api, "data needed");
        var link = Assert.Single(mail.Links);
        using var browser = await SignedInAsync(api, CreditRole.SalesRep, link.Url.PathAndQuery);
        var page = await browser.GetStringAsync(link.Url.PathAndQuery);
        using var sent = await browser.PostFormAsync($"/credit/applications/{id}", $"/credit/applications/{id}/data", ("figure.currentRatio", "1.8"));
        var after = await browser.GetStringAsync(link.Url.PathAndQuery);
        var resumed = await api.WaitForApplicationAsync(id, a => a["status"]!.GetValue<string>() != "WaitingForData");

        Assert.Equal(new Uri($"http://localhost:7071/credit/applications/{id}"), link.Url);
        Assert.Contains("currentRatio: Current assets / current liabilities, e.g. 1.5 (ratio) — input missing and required", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h2>What is needed</h2>", page, StringComparison.Ordinal);
        Assert.Contains("name=\"figure.currentRatio\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal($"/credit/applications/{id}", sent.Headers.Location?.OriginalString);
        Assert.Contains($"Sent 1 figure as {CreditApiHost.SalesRepName}: onboarding checks the application again.", after, StringComparison.Ordinal);
        Assert.Equal(1.8m, resumed["financialFigures"]!["currentRatio"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task DataForm_NotANumber_PageAgainWithTheProblemAndTheValue_NothingSent()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var id = await FileWithoutCurrentRatioAsync(api);
        using var browser = await SignedInAsync(api, CreditRole.SalesRep, $"/credit/applications/{id}");

        using var response = await browser.PostFormAsync($"/credit/applications/{id}", $"/credit/applications/{id}/data", ("figure.currentRatio", "one point eight"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("financialFigures.currentRatio must be a number such as 1.5 (was 'one point eight').", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("value=\"one point eight\"", html, StringComparison.Ordinal);
        Assert.Equal("WaitingForData", (await api.As(CreditRole.SalesRep).GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task FinanceKey_ReadsTheApplicationButMayNotSendData()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var id = await FileWithoutCurrentRatioAsync(api);
        using var browser = await SignedInAsync(api, CreditRole.Finance, $"/credit/applications/{id}");

        var page = await browser.GetStringAsync($"/credit/applications/{id}");
        using var sent = await browser.PostFormAsync($"/credit/applications/{id}", $"/credit/applications/{id}/data", ("figure.currentRatio", "1.8"));

        Assert.Contains("<h2>What is needed</h2>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"data-form\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, sent.StatusCode);
    }

    [Fact]
    public async Task Refused_SalesRepAsksForReconsiderationOnThePage_HeardOneTierUp()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var body = CreditApiHost.ValidApplication();
        body["financialFigures"] = new JsonObject
        {
            ["currentRatio"] = 0.3m, ["debtToAssetRatio"] = 95m, ["grossMargin"] = 1m, ["netMargin"] = -20m, ["receivableTurnover"] = 1m,
            ["cashFlowQuality"] = 0.1m, ["marketShare"] = 0.1m, ["yearsOfCooperation"] = 0m, ["managementStability"] = 1m, ["coreTechnology"] = 1m,
        };
        var id = await api.FileAsync(body);
        await api.WaitForApplicationAsync(id, a => a["status"]!.GetValue<string>() == "Rejected" && a["reconsiderationUntil"] is not null);
        var mail = await MailToSalesAsync(api, "Credit refused");
        using var browser = await SignedInAsync(api, CreditRole.SalesRep, $"/credit/applications/{id}");

        var page = await browser.GetStringAsync($"/credit/applications/{id}");
        using var sent = await browser.PostFormAsync($"/credit/applications/{id}", $"/credit/applications/{id}/reconsideration", ("reason", "The parent company guarantees the limit."));
        var heard = await api.WaitForApplicationAsync(id, a => a["status"]!.GetValue<string>() == "WaitingForApproval");

        Assert.Equal($"/credit/applications/{id}", Assert.Single(mail.Links).Url.AbsolutePath);
        Assert.Contains("id=\"reconsideration-form\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Contains("reconsideration", heard["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreditReport_OpensForASignedInCreditUser_AndSendsOthersToSignIn()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var id = await api.FileAsync();
        var scored = await api.WaitForApplicationAsync(id, a => a["status"]!.GetValue<string>() == "WaitingForApproval");
        var reportPath = $"/credit/customers/{scored["customer"]!["id"]!.GetValue<string>()}/report";
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.Anonymous.BaseAddress };
        using var officer = await SignedInAsync(api, CreditRole.CreditOfficer, reportPath);

        using var refused = await anonymous.GetAsync(new Uri(reportPath, UriKind.Relative));
        using var report = await officer.GetAsync(new Uri(reportPath, UriKind.Relative));
        var applicationPage = await officer.GetStringAsync($"/credit/applications/{id}");

        Assert.Equal(HttpStatusCode.SeeOther, refused.StatusCode);
        Assert.StartsWith("/credit/sign-in?next=", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none'", report.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("Shanghai Bright Components", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"href=\"{reportPath}\"", applicationPage, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Browser_FromTheMailedLink_SignInSendTheFigure_ThenOpenTheReport()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var id = await FileWithoutCurrentRatioAsync(api);
        var link = Assert.Single((await MailToSalesAsync(api, "data needed")).Links);
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = api.Anonymous.BaseAddress!.ToString(), ViewportSize = new() { Width = 1200, Height = 900 } });
        page.SetDefaultTimeout(30_000);

        // The mailed link asks for the key, then opens the application.
        await page.GotoAsync(link.Url.PathAndQuery);
        await page.GetByLabel("API key").FillAsync(CreditApiHost.KeyOf(CreditRole.SalesRep));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shanghai Bright Components Co., Ltd." })).ToBeVisibleAsync();
        await Expect(page.Locator("#stage")).ToContainTextAsync("Waiting for data");
        await Expect(page.Locator("#needed")).ToContainTextAsync("currentRatio: Current assets / current liabilities");
        await Screenshots.SaveAsync(page, "application-waiting-for-data");

        await page.GetByLabel("currentRatio").FillAsync("1.8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to onboarding" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sent 1 figure");

        // Scored with the figure: the report is written and the page links it.
        await api.WaitForApplicationAsync(id, a => a["status"]!.GetValue<string>() == "WaitingForApproval");
        await page.ReloadAsync();
        await Expect(page.Locator("#stage")).ToContainTextAsync("Waiting for approval");
        await Screenshots.SaveAsync(page, "application-waiting-for-approval");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the credit report" }).ClickAsync();
        await Expect(page.GetByText("Shanghai Bright Components Co., Ltd.").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "credit-report");
    }

    private static async Task<string> FileWithoutCurrentRatioAsync(CreditApiHost api)
    {
        var body = CreditApiHost.ValidApplication();
        body["financialFigures"]!.AsObject().Remove("currentRatio");
        var id = await api.FileAsync(body);
        await api.WaitForApplicationAsync(id, a => a["status"]!.GetValue<string>() == "WaitingForData" && a["missingData"] is JsonArray);
        return id;
    }

    private static async Task<StoredMail> MailToSalesAsync(CreditApiHost api, string subject)
    {
        var outbox = api.Services.GetRequiredService<LocalOutboxMailSender>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var mail = (await outbox.ListAsync(deadline.Token)).FirstOrDefault(m => m.To == SalesRepEmail && m.Subject.Contains(subject, StringComparison.Ordinal));
            if (mail is not null)
            {
                return mail;
            }

            await Task.Delay(25, deadline.Token);
        }
    }

    /// <summary>A cookie-keeping client signed in to the credit pages with the key of <paramref name="role"/>; redirects are not followed.</summary>
    private static async Task<HttpClient> SignedInAsync(CreditApiHost api, CreditRole role, string next)
    {
        return await FormPosts.SignedInToCreditAsync(api.Anonymous.BaseAddress!, CreditApiHost.KeyOf(role), next);
    }
}
