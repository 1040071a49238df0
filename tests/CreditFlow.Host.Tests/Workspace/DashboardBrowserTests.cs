using CreditFlow.Host.Tests.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>The dashboard in a real Chromium: signed in, the charts drawn, amounts in the reader's locale, a table opened.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardHost host)
{
    [BrowserFact]
    public async Task Browser_SignsIn_SeesTheChartsDrawn_OpensTheTableBehindTheAging_ThenACustomer()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = host.Host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "de-DE", TimezoneId = "Asia/Shanghai",
        });
        page.SetDefaultTimeout(30_000);
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                refused.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                refused.Add($"{response.Status} {response.Url}");
            }
        };

        // /credit starts at the dashboard.
        await page.GotoAsync("/credit");
        await Screenshots.SaveAsync(page, "sign-in");
        await page.GetByLabel("API key").FillAsync(DashboardHost.OfficerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Receivables", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("nav[aria-label=Workspace] a[aria-current=page]")).ToHaveTextAsync("Dashboard");

        // In a German browser the amounts and the date read the German way.
        await Expect(page.Locator("#kpi-open .value")).ToHaveTextAsync("90.000 CN¥");
        await Expect(page.Locator(".page-head time")).ToHaveTextAsync("20. März 2026");
        await Expect(page.Locator("#kpi-on-time .value")).ToHaveTextAsync("16,7 %");

        // Each chart drew something: its canvas has pixels that are not blank.
        foreach (var chart in new[] { "aging-chart", "abc-chart", "months-chart", "book-class-chart", "book-industry-chart", "book-region-chart" })
        {
            Assert.True(await PaintedAsync(page, chart), $"{chart} is blank");
        }

        await Screenshots.SaveAsync(page, "dashboard");

        var aging = page.Locator("#aging details");
        await aging.Locator("summary").ClickAsync();
        await Expect(aging.Locator("tbody tr").Nth(1)).ToContainTextAsync("45.000 CN¥");

        // The most overdue customers sort by a click on a heading: largest first, then the other way.
        var mostOverdue = page.Locator("#most-overdue");
        var overdueHeading = mostOverdue.GetByRole(AriaRole.Columnheader, new() { Name = "Overdue" });
        await overdueHeading.ClickAsync();
        await Expect(mostOverdue.Locator("tbody tr").First).ToContainTextAsync("Ningbo Seaside Trading Co.");
        await overdueHeading.ClickAsync();
        await Expect(mostOverdue.Locator("tbody tr").First).ToContainTextAsync("Jiangsu Hengtong Cable Co.");
        await Expect(overdueHeading).ToHaveAttributeAsync("aria-sort", "ascending");

        // From the most overdue customers to one customer's page, its month-by-month chart drawn.
        await mostOverdue.GetByRole(AriaRole.Link, new() { Name = "Ningbo Seaside Trading Co." }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ningbo Seaside Trading Co.", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#kpi-overdue .value")).ToHaveTextAsync("35.000 CN¥");
        Assert.True(await PaintedAsync(page, "months-chart"), "the customer's month chart is blank");
        Assert.True(await PaintedAsync(page, "score-chart"), "the customer's score chart is blank");

        // Its times read the German way in the reader's zone (released 11:00 UTC, 19:00 in Shanghai), the exact one in the title.
        var released = page.Locator("#holds tr[data-hold=h-s7] td").Last.Locator("time");
        await Expect(released).ToHaveTextAsync("10. Feb. 2026, 19:00");
        await Expect(released).ToHaveAttributeAsync("title", "2026-02-10T11:00:00.0000000+00:00");
        await Expect(page.Locator("#invoices tr[data-invoice=i3] time").Last).ToHaveTextAsync("19. Feb. 2026");
        await Screenshots.SaveAsync(page, "customer-page");

        // The search box in the header finds a customer by a part of its name.
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Find a customer by name, registration number or id" }).FillAsync("hengtong");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jiangsu Hengtong Cable Co.", Exact = true })).ToBeVisibleAsync();
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
    }

    /// <summary>Whether the canvas has a pixel that is not blank.</summary>
    private static Task<bool> PaintedAsync(IPage page, string canvasId) =>
        page.EvaluateAsync<bool>(
            "id => { const c = document.getElementById(id); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; } return false; }",
            canvasId);
}
