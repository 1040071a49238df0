using System.Text;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Admin;
using CreditFlow.Storage.Blacklist;
using CreditFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Blacklist;

/// <summary>
/// The blacklist page in a real Chromium: a credit manager adds a company, imports an industry list and sees removal is
/// the committee's; the committee takes one off with a reason, and it moves to the removals; a credit officer only reads, filtered by source.
/// </summary>
public sealed class BlacklistPageBrowserTests(BlacklistHost host) : IClassFixture<BlacklistHost>
{
    [BrowserFact]
    public async Task Browser_ManagerAddsACompany_CommitteeTakesAnotherOff()
    {
        // A legal case's customer, two from an industry list, one of our own decisions.
        var grand = await host.CustomerAsync("Hangzhou Grand Trading Ltd.", UniqueName.For("Mr Zhao "));
        await host.Host.Services.GetRequiredService<Blacklisting>().BlacklistCustomerAsync(
            grand, "court judgment for unpaid invoices (case file 2026-014)", BlacklistSource.LegalCase, "case-2026-014", "legal-case workflow", host.Clock.GetUtcNow());
        var list = host.Store.Blacklist;
        var importedAt = host.Clock.GetUtcNow().AddHours(-30);
        await list.ImportAsync(
        [
            new BlacklistEntry(UniqueName.For("91440300"), "Shenzhen Quickturn Components Co.", null, "association defaulters list 2026-02: three unpaid suppliers", BlacklistSource.IndustryList, null, "Ma Lin (legal)", importedAt),
            new BlacklistEntry(UniqueName.For("91320500"), "Suzhou Eastlake Plastics Ltd.", null, "association defaulters list 2026-02: bankruptcy filing", BlacklistSource.IndustryList, null, "Ma Lin (legal)", importedAt),
        ], "import-demo");
        var removable = UniqueName.For("91330100");
        await list.AddOnceAsync(new BlacklistEntry(removable, "Ningbo Harbour Freight Co.", null, "two bounced cheques", BlacklistSource.Internal, null, "Wu Gang (credit manager)", host.Clock.GetUtcNow().AddDays(-3)));
        var added = UniqueName.For("91350200");

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var manager = await SignedInPageAsync(chromium, CreditRole.CreditManager);
        var form = manager.Locator("form#add");
        await form.GetByLabel("Registration number").FillAsync(added);
        await form.GetByLabel("Company name").FillAsync("Xiamen Seabright Foods Ltd.");
        await form.GetByLabel("Reason").FillAsync("forged bank guarantee presented with the application");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add to blacklist" }).ClickAsync();

        await Expect(manager.Locator(".flash.ok")).ToContainTextAsync("Xiamen Seabright Foods Ltd.");
        await Expect(manager.Locator($"tr[data-number=\"{added}\"]")).ToContainTextAsync("Wu Gang (credit manager)");
        await Expect(manager.Locator($"tr[data-number=\"{removable}\"]")).ToContainTextAsync("the credit committee");
        await Expect(manager.Locator($"tr[data-number=\"REG-{grand}\"] a[href=\"/credit/cases/case-2026-014\"]")).ToBeVisibleAsync();

        // An industry list arrives as a CSV file.
        var listed = UniqueName.For("91310000");
        var import = manager.Locator("form#import");
        await import.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "defaulters-2026-03.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"registrationNumber,name,reason\n{listed},Shanghai Pearl Textiles Co.,association defaulters list 2026-03: unpaid suppliers\n"),
        });
        await import.GetByRole(AriaRole.Button, new() { Name = "Import list" }).ClickAsync();
        await Expect(manager.Locator(".flash.ok")).ToContainTextAsync("defaulters-2026-03.csv: 1 companies put on the blacklist, 0 on it already.");
        await Expect(manager.Locator($"tr[data-number=\"{listed}\"]")).ToContainTextAsync("industry list");
        await Screenshots.SaveAsync(manager, "blacklist-page");

        var committee = await SignedInPageAsync(chromium, CreditRole.CreditCommittee);
        var row = committee.Locator($"tr[data-number=\"{removable}\"]");
        await row.GetByRole(AriaRole.Textbox).FillAsync("cheques honoured; committee meeting 2026-03-02");
        await row.GetByRole(AriaRole.Button, new() { Name = "Take off" }).ClickAsync();

        await Expect(committee.Locator(".flash.ok")).ToContainTextAsync("is off the blacklist");
        await Expect(committee.Locator($"tr[data-number=\"{removable}\"]")).ToHaveCountAsync(0);
        await Expect(committee.Locator("#removed")).ToContainTextAsync("cheques honoured");
        await Screenshots.SaveAsync(committee, "blacklist-page-committee");
        Assert.Null(await list.GetAsync(removable));

        // Everyone else reads the list and is told who adds and who takes off; the counts filter it by source.
        var officer = await SignedInPageAsync(chromium, CreditRole.CreditOfficer);
        await Expect(officer.Locator("#who-adds")).ToContainTextAsync("by the credit manager, credit committee or legal department, and taken off by the credit committee");
        await Expect(officer.Locator("form#add")).ToHaveCountAsync(0);
        await Expect(officer.Locator($"tr[data-number=\"{added}\"]")).ToContainTextAsync("the credit committee");
        await officer.Locator("#count-industryList").ClickAsync();
        await Expect(officer.Locator("#count-industryList")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(officer.Locator("#entries tbody tr")).ToHaveCountAsync(3);
        await Expect(officer.Locator($"tr[data-number=\"{added}\"]")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(officer, "blacklist-page-officer");
    }

    private async Task<IPage> SignedInPageAsync(IBrowser chromium, CreditRole role)
    {
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/credit/blacklist");
        await page.GetByLabel("API key").FillAsync(BlacklistHost.KeyOf(role));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Blacklist", Exact = true })).ToBeVisibleAsync();
        return page;
    }
}
