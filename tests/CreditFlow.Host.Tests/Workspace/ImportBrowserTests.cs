using System.Globalization;
using System.Text;
using CreditFlow.Host.Tests.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Workspace;

/// <summary>An import in a real Chromium: a refused file shows its problems in place, a good one its progress to the end.</summary>
[Collection(ImportCollection.Name)]
public sealed class ImportBrowserTests(ImportHost host)
{
    [BrowserFact]
    public async Task Browser_ABadFileShowsItsProblems_AGoodOneItsProgressToTheEnd()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = host.Host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1366, Height = 900 },
        });
        page.SetDefaultTimeout(60_000);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // The refused file's 422 is expected; Chromium reports every 4xx on the console.
            if (message.Type == "error" && !message.Text.Contains("status of 422", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/credit/imports");
        await page.GetByLabel("API key").FillAsync(ImportHost.OfficerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync("/credit/imports");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import", Exact = true })).ToBeVisibleAsync();

        // A file with a bad amount: the problems appear on the page, nothing is imported.
        await page.GetByLabel("Invoices").CheckAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "bad.csv", MimeType = "text/csv",
            Buffer = ImportHost.Csv("invoiceId,customerId,amount,currency,issueDate,dueDate", "BRW-BAD,imp-c1,ten,CNY,2026-03-01,2026-03-31"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and import" }).ClickAsync();
        await Expect(page.Locator("#problem-list tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#problem-list tbody tr")).ToContainTextAsync("'ten' is not an amount");
        await Screenshots.SaveAsync(page, "import-refused");

        // 240 invoices: applied fifty at a time, the progress bar follows until all are in.
        var lines = new StringBuilder("invoiceId,customerId,amount,currency,issueDate,dueDate\r\n");
        for (var i = 1; i <= 240; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"BRW-{i:000},imp-c{1 + (i % 2)},{1000 + i}.00,CNY,2026-03-01,2026-03-31\r\n");
        }

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "march-invoices.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(lines.ToString()) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and import" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "march-invoices.csv" })).ToBeVisibleAsync();
        await Expect(page.Locator("#import-progress")).ToHaveAttributeAsync("max", "240");
        await Screenshots.SaveAsync(page, "import-progress");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imported" })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Expect(page.Locator("#applied")).ToHaveTextAsync("240 of 240");
        await Screenshots.SaveAsync(page, "import-done");

        await page.GotoAsync("/credit/imports");
        // The test clock stands still, so every import of this host has the same time: find the row by its file.
        await Expect(page.Locator("#latest tbody tr", new() { HasText = "march-invoices.csv" })).ToContainTextAsync("Done");
        await Screenshots.SaveAsync(page, "imports");
        Assert.Empty(errors);
    }
}
