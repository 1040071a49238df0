using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CreditFlow.Host.Mail;
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

        // Put to the committee, whose member opens the page from the mail: what it changes, as a table.
        await page.GetByRole(AriaRole.Button, new() { Name = "Put to the credit committee" }).ClickAsync();
        await Expect(page.Locator("#with-committee")).ToBeVisibleAsync();
        var version = page.Url.Split('?')[0].Split('/')[^1];
        await page.GotoAsync(await CommitteeLinkAsync($"Credit policy version {version}"));
        var changes = page.Locator("table.changes");
        await Expect(changes.Locator("thead th")).ToHaveTextAsync(["Setting", "In force", "Proposed"]);
        // (What is in force depends on the versions the collection's other tests approved: only the proposal is fixed.)
        var stopLine = changes.Locator("tbody tr").First;
        await Expect(stopLine.Locator("th")).ToHaveTextAsync("Order check › stop line days overdue orderCheck.stopLineDaysOverdue");
        await Expect(stopLine.Locator("td").Last).ToHaveTextAsync("15");
        await Expect(changes.Locator("tbody tr th")).ToContainTextAsync(["Dunning ladder › step 5 › days from due", "Warning rules › rule 1 › at least"]);
        await Screenshots.SaveAsync(page, "policy-approval");
        Assert.Empty(errors);
    }

    /// <summary>The path of the approval link mailed to the committee about <paramref name="subject"/>.</summary>
    private async Task<string> CommitteeLinkAsync(string subject)
    {
        var outbox = erp.Host.Services.GetRequiredService<LocalOutboxMailSender>();
        using var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var mail = (await outbox.ListAsync(waiting.Token)).FirstOrDefault(m => m.Subject.Contains(subject, StringComparison.Ordinal));
            if (mail is not null)
            {
                return Assert.Single(mail.Links).Url.PathAndQuery;
            }

            await Task.Delay(50, waiting.Token);
        }
    }
}
