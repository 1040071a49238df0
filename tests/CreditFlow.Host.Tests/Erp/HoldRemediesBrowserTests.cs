using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Host.Mail;
using CreditFlow.Host.Tests.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Erp;

/// <summary>
/// What an approver is offered for a held order, as they see it: the approval page the hold's mail links to, in Chromium.
/// </summary>
[Collection(ErpCollection.Name)]
public sealed class HoldRemediesBrowserTests(ErpHost erp)
{
    private const string CommitteeMailbox = "credit-committee@creditflow.local";

    [BrowserFact]
    public async Task Browser_BlacklistedCustomersHold_ApprovalPageOffersOnlyFullPrepaymentOrACommitteeException()
    {
        // Arrange: a blacklisted (class D) customer's order 1,000 CNY over its limit: three reasons.
        var customer = await erp.CustomerAsync(100_000m, CreditClass.D, CreditProfileStatus.Blacklisted);
        var orderId = "o-" + customer;
        var answer = await ErpHost.JsonOf(await erp.PostAsync("orders", ErpHost.Order(customer, orderId, 101_000m)));
        Assert.Equal("hold", answer.GetProperty("decision").GetString());
        var link = await CommitteeLinkAsync(customer);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = erp.Host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1100, Height = 720 } });
        page.SetDefaultTimeout(30_000);

        // Act: the committee member opens the link from the mail.
        await page.GotoAsync(link);

        // Assert: every reason is shown...
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Held order {orderId} of {customer}" })).ToBeVisibleAsync();
        var reasons = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Why it is held" }) }).Locator("td");
        await Expect(reasons).ToHaveCountAsync(3);
        await Expect(reasons.Nth(0)).ToContainTextAsync("is blacklisted: no credit");
        await Expect(reasons.Nth(1)).ToContainTextAsync("is class D: no credit");
        await Expect(reasons.Nth(2)).ToContainTextAsync("over limit by 1,000.00 CNY");

        // ...and the only remedies are full prepayment or the committee's exception; no limit increase.
        var remedies = page.Locator("tr", new() { Has = page.Locator("th", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^remedy$") }) }).Locator("td");
        await Expect(remedies).ToHaveTextAsync(
        [
            "prepay the remaining 101,000.00 CNY (100% of the order): no credit is extended",
            $"the credit committee grants an exception: 101,000.00 CNY on credit although customer {customer} is blacklisted",
        ]);
        await Expect(page.GetByText("limit increase")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "hold-remedies-blacklisted");
    }

    /// <summary>The path of the approval link mailed to the committee about <paramref name="customer"/>'s hold.</summary>
    private async Task<string> CommitteeLinkAsync(string customer)
    {
        var outbox = erp.Host.Services.GetRequiredService<LocalOutboxMailSender>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var mail = (await outbox.ListAsync(timeout.Token))
                .FirstOrDefault(m => m.To == CommitteeMailbox && m.Subject.Contains(customer, StringComparison.Ordinal));
            if (mail is not null)
            {
                return Assert.Single(mail.Links).Url.PathAndQuery;
            }

            // The hold's approval workflow sends the mail shortly after the answer: look again.
            await Task.Delay(25, timeout.Token);
        }
    }
}
