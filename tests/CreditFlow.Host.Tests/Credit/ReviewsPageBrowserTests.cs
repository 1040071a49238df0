using CreditFlow.Host.Tests.Admin;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Storage.Reviews;
using Microsoft.Playwright;
using static CreditFlow.Host.Tests.Credit.ReviewsOnErpHost;
using static CreditFlow.Host.Tests.Credit.WarningsOnErpHost;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>
/// The reviews page in a real Chromium: the officer finds a proposal awaiting approval and the schedule with an overdue
/// review, asks for a review now with a reason, and sees it confirmed.
/// </summary>
[Collection(ErpCollection.Name)]
public sealed class ReviewsPageBrowserTests(ErpHost erp)
{
    [BrowserFact]
    public async Task Browser_SeeTheProposalAndTheSchedule_ReviewNow_TheFlashConfirmsAndTheReviewIsListed()
    {
        // A proposal waiting for the credit manager, a decrease in force at once, one review overdue, one customer to review now.
        var proposal = await erp.ProposalAwaitingApprovalAsync("Dalian Northern Shipyards");
        var weak = await erp.ReviewedCustomerAsync("Guiyang Mountain Cement", Weak);
        await erp.ReviewNowAsync(weak, ErpHost.ManagerName, "two invoices 40 days late");
        var late = await erp.CustomerAsync("Nanchang Red Valley Paper");
        await erp.Reviews().ScheduleAsync(new ReviewSchedule(late, erp.Clock.GetUtcNow().AddDays(-3), 0, false));
        var customer = await erp.ReviewedCustomerAsync("Changsha Lotus Electronics", Sound);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = erp.Host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync("/credit/tasks");
        await page.GetByLabel("API key").FillAsync(OfficerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Reviews" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Credit reviews" })).ToBeVisibleAsync();
        var card = page.Locator($"article[data-customer=\"{proposal.CustomerId}\"]");
        await Expect(card.Locator(".change.class")).ToContainTextAsync("B→A");
        await Expect(card.Locator(".change.limit .to.up")).ToHaveTextAsync(proposal.Proposal.Limit.ToString());
        await Expect(card.Locator(".role")).ToHaveTextAsync("credit manager");
        await Expect(page.Locator($"tr[data-customer=\"{late}\"]")).ToHaveClassAsync("overdue");
        await Expect(page.Locator($"tr[data-customer=\"{weak}\"] .last")).ToContainTextAsync("decreased at once");
        await Screenshots.SaveAsync(page, "reviews-page");

        var row = page.Locator($"tr[data-customer=\"{customer}\"]");
        await row.GetByRole(AriaRole.Textbox, new() { Name = "Reason" }).FillAsync("Audited statements for 2025 received");
        await row.GetByRole(AriaRole.Button, new() { Name = "Review now" }).ClickAsync();

        await Expect(page.Locator(".flash.ok")).ToContainTextAsync("Asked for a review of Changsha Lotus Electronics as " + ErpHost.OfficerName);
        var review = await erp.ReviewedAsync(customer);
        Assert.Equal($"asked for by {ErpHost.OfficerName}: Audited statements for 2025 received", review.Reason);
        await page.ReloadAsync();
        await Expect(row.Locator(".last")).ToContainTextAsync("confirmed class B");
        await Screenshots.SaveAsync(page, "reviews-page-asked");
    }
}
