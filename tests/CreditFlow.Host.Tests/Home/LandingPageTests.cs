using System.Net;
using CreditFlow.Host.Tests.Admin;
using CreditFlow.Host.Tests.Security;
using CreditFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Home;

/// <summary>The host's address opens a page that leads to the workspace, the monitor, the outbox (Development) and the API reference.</summary>
public sealed class LandingPageTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private const string AdminKey = "landing-test-admin-key-0123456789";

    [Fact]
    public async Task Root_OutsideDevelopment_LinksWorkspaceMonitorAndApiReference_NotTheOutbox()
    {
        await using var host = await RunningHost.StartAsync(storage.ConnectionString, new Dictionary<string, string?> { ["AdminKey"] = AdminKey });

        using var response = await host.Client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var menu = await SignedInAdminPageAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/dashboard\">Credit workspace</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/admin\">Admin monitor</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/api/docs\">API reference</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/admin/outbox", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/credit/holds\">Held orders</a>", menu, StringComparison.Ordinal);
        Assert.DoesNotContain("/admin/outbox", menu, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Browser_Development_EachLinkLeadsWhereItSays_AndTheMonitorMenuLinksOutboxAndHeldOrders()
    {
        await using var host = await RunningHost.StartAsync(storage.ConnectionString, new Dictionary<string, string?> { ["AdminKey"] = AdminKey }, environmentName: "Development");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1200, Height = 800 } });
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CreditFlow", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("ul.places > li")).ToHaveCountAsync(4);
        await Screenshots.SaveAsync(page, "landing-page");

        await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/api/docs/$")); // Scalar's page, behind its redirect to the slash
        // Scalar draws the reference in the browser from a script of several MB: on a busy 2-core runner that can take longer than
        // the assertion's default 5 s (a CI run saw the sidebar drawn and the introduction still empty).
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CreditFlow API" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Credit workspace" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/credit/sign-in\\?next=%2Fcredit%2Fdashboard$"));

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Outbox" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin monitor" }).ClickAsync();
        await page.GetByLabel("Admin key").FillAsync(AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Instances" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "admin-menu");

        // The monitor's menu reaches the outbox and the held orders.
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Outbox" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outbox" })).ToBeVisibleAsync();
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Held orders" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/credit/sign-in\\?next=%2Fcredit%2Fholds$"));
    }

    /// <summary>The instance list as a signed-in admin gets it.</summary>
    private static async Task<string> SignedInAdminPageAsync(RunningHost host)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = host.Client.BaseAddress };
        using var signIn = await client.PostFormAsync("/admin/login", "/admin/login", ("key", AdminKey), ("next", "/admin"));
        signIn.EnsureSuccessStatusCode();
        return await signIn.Content.ReadAsStringAsync();
    }
}
