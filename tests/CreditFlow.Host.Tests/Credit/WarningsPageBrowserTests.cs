using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Tests.Admin;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Testing;
using CreditFlow.Workflows.Warnings;
using Microsoft.Playwright;
using static CreditFlow.Host.Tests.Credit.WarningsOnErpHost;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>
/// The warnings page in a real Chromium: the officer follows the tasks page's link to a warning past its response time,
/// ticks an action, answers, and finds it among the answered ones, marked late.
/// </summary>
[Collection(ErpCollection.Name)]
public sealed class WarningsPageBrowserTests(ErpHost erp)
{
    [BrowserFact]
    public async Task Browser_FromTheTaskToTheWarning_TickAnActionAndAnswer_ItMovesToAnswered()
    {
        // A yellow warning for the officer, left a day and an hour; then one of each level, one on the rest of a group.
        var late = await erp.RaiseAsync(await erp.CustomerAsync("Ningbo Lantern Trading"), SignalKind.OwnershipChange);
        erp.Clock.Advance(TimeSpan.FromHours(25));
        var controller = UniqueName.For("Mr Fang ");
        var electric = await erp.CustomerAsync("Wuhan Riverside Electric", controller);
        var cables = await erp.CustomerAsync("Wuhan Riverside Cables", controller);
        var red = await erp.RaiseAsync(electric, SignalKind.MajorLawsuit);
        await EventuallyAsync(() => erp.Warnings().GetAsync(WarningIds.For(cables, red.SignalId)), "the group's red warning");
        await erp.RaiseAsync(await erp.CustomerAsync("Fuzhou Harbour Ceramics"), SignalKind.KeyAssetsMortgaged);
        await erp.RaiseAsync(await erp.CustomerAsync("Hefei Bright Glass"), SignalKind.AdverseNews);
        var earlier = await erp.RaiseAsync(await erp.CustomerAsync("Xiamen Blue Ocean Foods"), SignalKind.PaymentDaysLengthening, 21m);
        erp.Clock.Advance(TimeSpan.FromHours(3));
        var (_, refusal) = await erp.Host.Services.GetRequiredService<CustomerWarnings>().AnswerAsync(
            earlier.Id, [ResponseAction.Collection], "Called their CFO: a new ERP delayed the payment run; collecting the two open invoices with sales.", ErpHost.ManagerName, CreditRole.CreditManager, erp.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Null(refusal);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = erp.Host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync("/credit/tasks");
        await page.GetByLabel("API key").FillAsync(OfficerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator($"tr[data-task=\"{late.Id}|answer-CreditOfficer\"]").GetByRole(AriaRole.Link, new() { Name = "Answer the warning" }).ClickAsync();

        var card = page.Locator($"article[data-warning=\"{late.Id}\"]");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Early warnings" })).ToBeVisibleAsync();
        Assert.EndsWith("#" + Uri.EscapeDataString(late.Id), page.Url, StringComparison.Ordinal);
        await Expect(card).ToHaveClassAsync("warning overdue");
        await Expect(card).ToBeInViewportAsync();
        await Expect(page.Locator($"article[data-warning=\"{WarningIds.For(cables, red.SignalId)}\"] .through")).ToContainTextAsync("raised through Wuhan Riverside Electric");
        await Screenshots.SaveAsync(page, "warnings-page");

        await card.GetByRole(AriaRole.Checkbox, new() { Name = "customer visit" }).CheckAsync();
        await card.GetByRole(AriaRole.Textbox, new() { Name = "Comment" }).FillAsync("Mr Lin sold to a Hong Kong fund; visiting the new owners on Thursday with sales.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Answer" }).ClickAsync();

        await Expect(page.Locator(".flash.ok")).ToContainTextAsync("Answered the yellow warning on Ningbo Lantern Trading");
        var row = page.Locator($"#answered-warnings tr[data-warning=\"{late.Id}\"]");
        await Expect(row.Locator(".actions")).ToHaveTextAsync("customer visit");
        await Expect(row.Locator(".hours")).ToContainTextAsync("over 24 h");
        await Expect(card).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "warnings-page-answered");
        Assert.Equal(ErpHost.OfficerName, (await erp.Warnings().GetAsync(late.Id))!.Answer!.By);
    }
}
