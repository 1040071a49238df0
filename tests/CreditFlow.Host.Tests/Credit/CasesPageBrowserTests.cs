using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Admin;
using CreditFlow.Host.Tests.Cases;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>
/// The cases pages in a real Chromium: legal finds the red case in the list, opens it, places it with the agency
/// through the form; the agency stand-in reports a recovery and a settlement offer, and the case page shows the
/// amounts, the reports, the approval waiting with who decides, and the timeline.
/// </summary>
[Collection(CasesCollection.Name)]
public sealed class CasesPageBrowserTests(CasesHost host)
{
    [BrowserFact]
    public async Task Browser_LegalPlacesTheCaseWithTheAgency_ThenSeesRecoveryOfferAndTimeline()
    {
        // Two invoices, the older one red: dunning opens the case on both (contract acceleration).
        var customer = await host.CustomerAsync("Wenzhou Harbour Plastics Co.", controller: "Zhou Jian");
        await host.OverdueInvoiceAsync(customer, 180_000m, daysOverdue: 96);
        await host.OverdueInvoiceAsync(customer, 120_000m, daysOverdue: 35);
        var opened = await host.OpenedCaseAsync(customer);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.Host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync("/credit/cases");
        await page.GetByLabel("API key").FillAsync(CasesHost.KeyOf(CreditRole.Legal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var row = page.Locator($"tr[data-case=\"{opened.CaseId}\"]");
        await Expect(row.Locator(".waits-for")).ToHaveTextAsync("legal's acceptance");
        await Screenshots.SaveAsync(page, "cases-list");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wenzhou Harbour Plastics Co." })).ToBeVisibleAsync();
        await Expect(page.Locator("#amount-claimed .value")).ToHaveTextAsync("300,000.00CNY");
        await page.GetByRole(AriaRole.Radio, new() { Name = "collection agency" }).CheckAsync();
        await page.Locator("select[name=agency]").SelectOptionAsync(CasesHost.Agency);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Comment" }).FillAsync("Customer still trading; an agency on the spot will get further than a court.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept case" }).ClickAsync();

        await Expect(page.Locator(".flash.ok")).ToContainTextAsync($"placed with agency {CasesHost.Agency}");
        await Expect(page.Locator("#case-status")).ToContainTextAsync("in progress");

        // The agency collects 100,000 and passes on an offer of 50,000 more in full settlement.
        await CasesHost.EventuallyAsync(() => Task.FromResult(host.AgencyStandIn.Placement(opened.CaseId)), "the placement at the agency");
        Assert.Equal(200, (await host.AgencyStandIn.ReportRecoveryAsync(opened.CaseId, 100_000m)).StatusCode);
        await host.CaseWhenAsync(opened.CaseId, c => c.Case.Reports.Any(r => r.Booked), "with the recovery booked");
        Assert.Equal(200, (await host.AgencyStandIn.ReportSettlementOfferAsync(opened.CaseId, 50_000m)).StatusCode);
        await host.CaseWhenAsync(opened.CaseId, c => c.Case.Approval is { Asked: true }, "asking for the settlement's approval");

        await page.ReloadAsync();
        await Expect(page.Locator("#amount-recovered .value")).ToHaveTextAsync("100,000.00CNY");
        await Expect(page.Locator("#amount-owed .value")).ToHaveTextAsync("200,000.00CNY");
        await Expect(page.Locator("#approval-write-off")).ToHaveTextAsync("150,000.00CNY");
        await Expect(page.Locator("#decided-by")).ToContainTextAsync("you are signed in as legal");
        await Expect(page.Locator("#reports tr[data-report]")).ToHaveCountAsync(2);
        await Expect(page.Locator("#timeline li").Last).ToContainTextAsync("settlement sent for approval");
        await Screenshots.SaveAsync(page, "case-page");
    }
}
