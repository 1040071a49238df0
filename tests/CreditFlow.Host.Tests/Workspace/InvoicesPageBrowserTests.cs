using CreditFlow.Host.Tests.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>The invoices page in a real Chromium, on the known book of <see cref="DashboardHost"/>: reached from the navigation, filtered, sorted.</summary>
[Collection(DashboardCollection.Name)]
public sealed class InvoicesPageBrowserTests(DashboardHost host)
{
    [BrowserFact]
    public async Task Browser_OpensInvoicesFromTheNavigation_FiltersOverdueThenOneCustomerByName_SortsByOpen_AndPicksAmongCustomersANameFits()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = host.Host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "en-GB",
        });
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                refused.Add(message.Text);
            }
        };

        await page.GotoAsync("/credit");
        await page.GetByLabel("API key").FillAsync(DashboardHost.OfficerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("nav[aria-label=Workspace]").GetByRole(AriaRole.Link, new() { Name = "Invoices", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invoices", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("nav[aria-label=Workspace] a[aria-current=page]")).ToHaveTextAsync("Invoices");
        var rows = page.Locator("#invoices tbody tr");
        await Expect(rows).ToHaveCountAsync(5); // the open ones; i1 is paid
        // The longest overdue first, its amount in the reader's locale.
        await Expect(rows.First).ToContainTextAsync("Ningbo Seaside Trading Co.");
        await Expect(rows.First.Locator("td.open")).ToHaveTextAsync("CN¥5,000");
        await Screenshots.SaveAsync(page, "invoices");

        await page.GetByLabel("Overdue only").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(page.Locator("#overdue-count")).ToHaveTextAsync("4 overdue");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Customer", Exact = true }).FillAsync("ningbo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invoices of Ningbo Seaside Trading Co.", Exact = true })).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.GetByLabel("Overdue only")).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true })).ToHaveAttributeAsync("href", "/credit/invoices.csv?customerId=c2&overdue=true");

        // The disputed 30,000 sorts first by what is open, largest first.
        await page.Locator("#invoices").GetByRole(AriaRole.Columnheader, new() { Name = "Open", Exact = true }).ClickAsync();
        await Expect(rows.First).ToHaveAttributeAsync("data-invoice", "i3");
        await Expect(rows.First.Locator("td.marks")).ToHaveTextAsync("disputed");
        await Screenshots.SaveAsync(page, "invoices-filtered");

        // A part of a name that fits two customers: pick one, and its invoices show.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Customer", Exact = true }).FillAsync("co.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var candidates = page.Locator("#customer-candidates");
        await Expect(candidates.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Jiangsu Hengtong Cable Co.", "Ningbo Seaside Trading Co."]);
        await Screenshots.SaveAsync(page, "invoices-pick-customer");
        await candidates.GetByRole(AriaRole.Link, new() { Name = "Jiangsu Hengtong Cable Co." }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invoices of Jiangsu Hengtong Cable Co.", Exact = true })).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(1);
        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
    }
}
