using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CreditFlow.Host.Tests.Admin;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Storage.Customers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Policies;

/// <summary>A credit manager drafts a version of the credit policy in a real Chromium and simulates it on past orders.</summary>
[Collection(PolicyCollection.Name)]
public sealed class CreditPolicyBrowserTests(ErpHost erp)
{
    private const string ManagerKey = "erp-test-key-manager-0123456789abcdef";

    [BrowserFact]
    public async Task Browser_DraftAStopLineAndYellowAt15Days_SimulateIt_TheOrderThatPassedWouldBeHeld_ItsInvoiceAtYellow()
    {
        // An order that passed with an invoice 18 days overdue.
        var customer = await erp.CustomerAsync(100_000m);
        await erp.Store.Customers.CreateAsync(new Customer(customer, "Yangzhou Lantern Works", "REG-" + customer, null, "crafts", erp.Clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, (await erp.PostAsync("invoices", ErpHost.Invoice(customer, "inv-" + customer, null, 5_000m, erp.Today.AddDays(-48), erp.Today.AddDays(-18)))).StatusCode);
        using var order = await erp.PostAsync("orders", ErpHost.Order(customer, "o-" + customer, 10_000m));
        Assert.Equal("pass", (await ErpHost.JsonOf(order)).GetProperty("decision").GetString());

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = erp.Host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1366, Height = 900 },
        });
        page.SetDefaultTimeout(60_000);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/credit/policies");
        await page.GetByLabel("API key").FillAsync(ManagerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync("/credit/policies");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Credit policy", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#policy-json")).ToContainTextAsync("stopLineDaysOverdue");
        await Screenshots.SaveAsync(page, "policies");

        var document = JsonNode.Parse(await page.Locator("#policy-json").InputValueAsync())!;
        document["orderCheck"]!["stopLineDaysOverdue"] = 15;
        document["dunningLadder"]!["steps"]![4]!["daysFromDue"] = 15;
        document["warningRules"]!["rules"]![0]!["atLeast"] = 15; // the ladder's yellow step raises the yellow warning at 15 days too
        await page.Locator("#policy-json").FillAsync(document.ToJsonString(new() { WriteIndented = true }));
        await page.GetByLabel("In force from").FillAsync(erp.Today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Why").FillAsync("Stop line and yellow from 30 to 15 days: overdue grew this quarter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and keep the draft" }).ClickAsync();

        await Expect(page.Locator("#status")).ToHaveTextAsync("Draft");
        await Expect(page.Locator("#changes")).ToContainTextAsync("orderCheck.stopLineDaysOverdue");
        await Expect(page.Locator("#no-simulation")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Simulate" }).ClickAsync();

        var row = page.Locator($"#impact-orders tr[data-order='o-{customer}']");
        await Expect(row).ToContainTextAsync("Yangzhou Lantern Works");
        await Expect(row).ToContainTextAsync("passed");
        await Expect(row).ToContainTextAsync("18 days overdue");
        await Expect(row).ToHaveClassAsync("changed");
        var invoice = page.Locator($"#impact-invoice-list tr[data-invoice='inv-{customer}']");
        await Expect(invoice).ToContainTextAsync("sales call; next yellow");
        await Expect(invoice.Locator("td").Nth(5)).ToContainTextAsync("yellow; next special collection");
        await Screenshots.SaveAsync(page, "policy-impact");
        Assert.Empty(errors);
    }
}
