using CreditFlow.Host.Tests.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Receivables;

/// <summary>The payment page in a real Chromium, opened from the link in the dunning letter the outbox holds, answered as a customer would.</summary>
[Collection(PaymentCollection.Name)]
public sealed class PaymentBrowserTests(PaymentHost host)
{
    [BrowserFact]
    public async Task Browser_OpenLinkFromTheConfirmationLetter_PromiseADate_SeesTheConfirmation()
    {
        var customer = await host.CustomerAsync("Foshan Sunrise Ceramics Co., Ltd.");
        var invoice = await host.InvoiceAsync(customer, 86_320.75m, termDays: 30);
        await host.InvoiceAsync(customer, 12_400m, termDays: 30, issuedDaysAgo: 40);

        // Half the term later the confirmation step sends the letter with the customer's link.
        host.Clock.Advance(TimeSpan.FromDays(15));
        var letter = await host.LetterAboutAsync(invoice);
        var link = Assert.Single(letter.Links).Url;
        Assert.StartsWith(host.PublicBaseUrl + "/pay/", link.AbsoluteUri, StringComparison.Ordinal);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new() { Width = 1100, Height = 800 } });
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync(link.AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invoices of Foshan Sunrise Ceramics Co., Ltd." })).ToBeVisibleAsync();
        await Expect(page.Locator("#invoice")).ToContainTextAsync("86,320.75 CNY");
        await Expect(page.Locator("#open-invoices tbody tr").First).ToHaveAttributeAsync("data-invoice", invoice);
        await Screenshots.SaveAsync(page, "pay-page");

        // An amount that is not a number comes back named, with the date kept; nothing is stored.
        var day = host.Today.AddDays(20);
        await page.GetByLabel("Payment date").FillAsync(day.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Amount (CNY)").FillAsync("about half");
        await page.GetByRole(AriaRole.Button, new() { Name = "We will pay on this date" }).ClickAsync();
        await Expect(page.Locator("#amount-error")).ToContainTextAsync("Amount: must be a number");
        await Expect(page.GetByLabel("Payment date")).ToHaveValueAsync(day.ToString("yyyy-MM-dd"));
        await Screenshots.SaveAsync(page, "pay-page-error");
        Assert.Empty((await host.Invoices.GetAsync(customer, invoice))!.Promises);

        await page.GetByLabel("Amount (CNY)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "We will pay on this date" }).ClickAsync();

        // The browser posts with its own Origin header: the same-origin check lets it through, and the 303 brings it back.
        await Expect(page.Locator("#message")).ToContainTextAsync($"We have noted that you will pay 86,320.75 CNY of invoice {invoice} by {day:d MMM yyyy}");
        await Screenshots.SaveAsync(page, "pay-page-promised");
        var shown = await host.InvoiceWhenAsync(invoice, "AwaitingPromise");
        Assert.Equal(day.ToString("yyyy-MM-dd"), Assert.Single(shown.GetProperty("promises").EnumerateArray()).GetProperty("promisedDate").GetString());

        // A letter's link past its lifetime: a page saying so and whom to ask, nothing else.
        var expired = await page.GotoAsync(host.PublicBaseUrl + host.PayPath(customer, invoice, issuedAt: host.Clock.GetUtcNow().AddDays(-31)));
        Assert.Equal(410, expired!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This payment link has expired" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "pay-link-expired");
    }
}
