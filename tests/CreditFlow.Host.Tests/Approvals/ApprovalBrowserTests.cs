using CreditFlow.Domain.Authority;
using CreditFlow.Host.Tests.Admin;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Approvals;

/// <summary>The approval page in a real Chromium: the link from the outbox, the form filled and posted as an approver would.</summary>
public sealed class ApprovalBrowserTests(ApprovalHostFixture fixture) : IClassFixture<ApprovalHostFixture>
{
    [BrowserFact]
    public async Task Browser_OpenLinkFromOutbox_ApproveLowerAmount_Recorded()
    {
        var host = fixture.Host;
        var approval = await host.StartApprovalAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.Client.BaseAddress!.ToString() });
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync(approval.LinkPath);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = approval.Request.Title })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Approve a lower amount" }).CheckAsync();
        await page.GetByLabel("Lower amount in EUR").FillAsync("30000");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Comment" }).FillAsync("Start at 30k; review after the trial.");
        await Screenshots.SaveAsync(page, "approval-page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit decision" }).ClickAsync();

        // The browser posts with its own Origin header: the same-origin check lets it through.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recorded: Approved a lower amount, 30,000.00 EUR" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "approval-recorded");
        var record = Assert.Single(await host.RecordsAsync(approval));
        Assert.Equal((ApprovalOutcome.ApprovedLower, "Start at 30k; review after the trial."), (record.Outcome, record.Comment));

        // The link, opened again, says the step was decided, how and by whom.
        await page.GotoAsync(approval.LinkPath);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This step was decided: Approved a lower amount, 30,000.00 EUR, by ");
        await Screenshots.SaveAsync(page, "approval-decided");
    }

    [BrowserFact]
    public async Task Browser_RejectWithoutComment_FormBackWithTheProblemAndTheChoice()
    {
        var host = fixture.Host;
        var approval = await host.StartApprovalAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.Client.BaseAddress!.ToString() });
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync(approval.LinkPath);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Reject" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit decision" }).ClickAsync();

        await Expect(page.Locator("#problem")).ToContainTextAsync("Please correct the comment:");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Reject" })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Comment" })).ToHaveAttributeAsync("aria-invalid", "true");
        await Screenshots.SaveAsync(page, "approval-problem");
        Assert.Empty(await host.RecordsAsync(approval));
    }
}
