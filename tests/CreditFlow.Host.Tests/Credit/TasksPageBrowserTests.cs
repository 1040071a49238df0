using System.Globalization;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Admin;
using CreditFlow.Host.Tests.Receivables;
using CreditFlow.Storage.Tasks;
using CreditFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Credit;

/// <summary>The tasks page in a real Chromium: signed in with a key, a task completed with its outcome.</summary>
[Collection(PaymentCollection.Name)]
public sealed class TasksPageBrowserTests(PaymentHost host)
{
    [BrowserFact]
    public async Task Browser_CompleteATask_ItMovesToDoneWithItsOutcome()
    {
        var customer = await host.CustomerAsync("Xiamen Blue Ocean Foods");
        var store = host.Host.Services.GetRequiredService<CreditTaskStore>();
        var now = host.Clock.GetUtcNow();
        var task = await store.AddOnceAsync(new CreditTask(UniqueName.For("task"), "Call Xiamen Blue Ocean Foods about invoice INV-88412 (3 days overdue)", CreditRole.CreditOfficer, customer, "INV-88412", now.AddDays(-2), now.AddHours(-20)));
        await store.AddOnceAsync(new CreditTask(UniqueName.For("task"), "Write the special collection plan for INV-87001", CreditRole.CreditOfficer, customer, "INV-87001", now.AddDays(-1), now.AddDays(4)));

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await SignedInAsync(chromium, "/credit/tasks");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tasks for the credit officer" })).ToBeVisibleAsync();
        var row = page.Locator($"tr[data-task=\"{task.Id}\"]");
        await Expect(row).ToHaveClassAsync("overdue");
        // Its due time reads the reader's way (en-GB, in Shanghai at UTC+8), the exact one in the title.
        var due = row.Locator("td.due time");
        await Expect(due).ToHaveTextAsync(task.DueAt.ToOffset(TimeSpan.FromHours(8)).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture));
        await Expect(due).ToHaveAttributeAsync("title", task.DueAt.ToString("O", CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(page, "tasks-page");

        await row.GetByRole(AriaRole.Textbox).FillAsync("Customer promised to pay on 15 March");
        await row.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();

        await Expect(page.Locator(".flash.ok")).ToContainTextAsync("Customer promised to pay on 15 March");
        await Expect(page.Locator($"#done-tasks tr[data-task=\"{task.Id}\"] .outcome")).ToHaveTextAsync("Customer promised to pay on 15 March");
        await Expect(page.Locator($"#open-tasks tr[data-task=\"{task.Id}\"]")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "tasks-page-completed");
        Assert.Equal(PaymentHost.OfficerName, (await store.GetAsync(task.Id))!.CompletedBy);
    }

    [BrowserFact]
    public async Task Browser_AFormWhoseTokenIsGone_IsRefusedWithTheNotice_OpenedAgainItCompletes()
    {
        var customer = await host.CustomerAsync("Shantou Toy Works");
        var store = host.Host.Services.GetRequiredService<CreditTaskStore>();
        var now = host.Clock.GetUtcNow();
        var task = await store.AddOnceAsync(new CreditTask(UniqueName.For("task"), "Ask Shantou Toy Works for the signed delivery notes", CreditRole.CreditOfficer, customer, "INV-90210", now.AddDays(-1), now.AddDays(2)));

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await SignedInAsync(chromium, "/credit/tasks");
        var row = page.Locator($"tr[data-task=\"{task.Id}\"]");
        await Expect(row).ToBeVisibleAsync();

        // The antiforgery cookie is gone (the browser was restarted with the page still open): the form is out of date.
        await page.Context.ClearCookiesAsync(new() { Name = "creditflow-antiforgery" });
        await row.GetByRole(AriaRole.Textbox).FillAsync("Notes received by mail");
        await row.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Form out of date" })).ToBeVisibleAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("nothing was changed. Open the page again and send the form from there.");
        await Screenshots.SaveAsync(page, "form-out-of-date");
        Assert.True((await store.GetAsync(task.Id))!.IsOpen);

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the page again" }).ClickAsync();
        await row.GetByRole(AriaRole.Textbox).FillAsync("Notes received by mail");
        await row.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();
        await Expect(page.Locator(".flash.ok")).ToContainTextAsync("Notes received by mail");
        Assert.Equal(PaymentHost.OfficerName, (await store.GetAsync(task.Id))!.CompletedBy);
    }

    [BrowserFact]
    public async Task Browser_ALongList_IsPaged_NextShowsTheRest()
    {
        var customer = await host.CustomerAsync("Zhongshan Many Lamps Co.");
        var store = host.Host.Services.GetRequiredService<CreditTaskStore>();
        var now = host.Clock.GetUtcNow();
        for (var i = 0; i < 55; i++)
        {
            await store.AddOnceAsync(new CreditTask(UniqueName.For("task"), $"Reconcile the credit note CN-{i:000} with the ERP", CreditRole.Legal, customer, null, now.AddDays(-1), now.AddHours(i + 1)));
        }

        var total = (await store.ListAsync(role: CreditRole.Legal)).Count;
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await SignedInAsync(chromium, "/credit/tasks?role=Legal");
        await page.GotoAsync("/credit/tasks?role=Legal");

        await Expect(page.Locator("#tasks-pager")).ToContainTextAsync($"Rows 1–50 of {total}");
        await Expect(page.Locator("#open-tasks tbody tr")).ToHaveCountAsync(50);
        await Screenshots.SaveAsync(page, "tasks-paged");
        await page.Locator("#tasks-pager").GetByRole(AriaRole.Link, new() { Name = "Next →" }).ClickAsync();

        await Expect(page.Locator("#tasks-pager")).ToContainTextAsync($"Page 2 of {(total + 49) / 50}");
        await Expect(page.Locator("#open-tasks tbody tr")).ToHaveCountAsync(Math.Min(50, total - 50));
    }

    /// <summary>A page of a 1280 px browser at <paramref name="path"/>, signed in there as the credit officer through the sign-in form.</summary>
    private async Task<IPage> SignedInAsync(IBrowser chromium, string path)
    {
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.Host.Client.BaseAddress!.ToString(), ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "en-GB", TimezoneId = "Asia/Shanghai" });
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(path);
        await page.GetByLabel("API key").FillAsync(PaymentHost.OfficerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }
}
