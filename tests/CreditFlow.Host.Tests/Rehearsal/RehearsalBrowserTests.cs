using System.Globalization;
using System.Net;
using System.Text.Json;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Tests.Admin;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Erp;
using CreditFlow.Storage;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Rehearsal;

/// <summary>
/// A rehearsal in a real Chromium, as a newcomer runs one after <c>./run.sh</c>: the operator moves business time with the
/// clock page's buttons, finds the reminder in the outbox and opens the customer's payment page from it; past 30 days
/// overdue the credit officer finds the joint collection task, the yellow warning, the frozen limit and the held order.
/// </summary>
public sealed class RehearsalBrowserTests
{
    private const string AdminKey = "rehearsal-browser-admin-key-0123456789ab";
    private const string OfficerKey = "rehearsal-browser-officer-key-0123456789";
    private const string ErpKey = "rehearsal-browser-erp-signing-key-012345";
    private const string CustomerName = "Dongguan Pearl River Plastics Co.";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [BrowserFact]
    public async Task Browser_MoveTheClockWithTheButtons_ReminderInTheOutboxOpensThePayPage_ThenYellowFreezesAndHolds()
    {
        var url = RunningHost.FreeLoopbackUrl();
        var azurite = await SharedAzurite.GetAsync();
        await using var host = await RunningHost.StartAsync(azurite.ConnectionString, Settings(url), environmentName: "Development", url: url);
        var clock = host.Services.GetRequiredService<TimeProvider>();
        var customer = await CustomerAsync(host, clock.GetUtcNow());

        // Due in 9 days: one week on, the reminder (3 days before due) has been sent and the payment notice not yet,
        // whatever the time of day (the steps are taken at 01:00 UTC).
        var today = Day(clock.GetUtcNow());
        var invoice = UniqueName.For("INV");
        await PostErpAsync(host, "invoices", ErpHost.Invoice(customer, invoice, null, 86_320.75m, today, today.AddDays(9)));
        var dunning = host.Services.GetRequiredService<DunningStore>();
        await UntilAsync(async () => (await dunning.GetAsync(customer, invoice))?.Standing.LookedAt is not null, "dunning's first look at the invoice");

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = url, ViewportSize = new() { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        var asked = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            await dialog.AcceptAsync();
        };

        // The operator signs in to /admin and opens the clock from the navigation.
        await page.GotoAsync("/admin");
        await page.GetByLabel("Admin key").FillAsync(AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Business clock" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Business clock", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#business-time")).ToContainTextAsync(Long(today));
        await Screenshots.SaveAsync(page, "rehearsal-clock");

        var moved = await MoveAsync(page, clock, "+7 days");
        Assert.Equal(today.AddDays(7), moved);
        Assert.Equal(["Move business time +7 days ahead?"], asked);
        await Expect(page.Locator("#ahead")).ToHaveTextAsync("7 days");
        await Screenshots.SaveAsync(page, "rehearsal-clock-moved");

        // The reminder to the customer's contact, with the link to its payment page.
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "the outbox" }).ClickAsync();
        var reminder = page.Locator("article.outbox-mail").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = $"Payment reminder: invoice {invoice}" }) });
        await ReloadUntilShownAsync(page, reminder, "the payment reminder in the outbox");
        await Expect(reminder).ToHaveCountAsync(1);
        await Expect(reminder.Locator("header")).ToContainTextAsync($"to accounts@{customer}.example");
        await Expect(reminder.Locator("pre")).ToContainTextAsync($"Dear {CustomerName}");
        await Expect(reminder.Locator("pre")).ToContainTextAsync($"falls due on {today.AddDays(9):d MMMM yyyy}");
        var link = reminder.GetByRole(AriaRole.Link, new() { Name = "Confirm, promise or dispute" });
        Assert.StartsWith(url + "/pay/", await link.GetAttributeAsync("href"), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "rehearsal-outbox");

        await link.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Invoices of {CustomerName}" })).ToBeVisibleAsync();
        await Expect(page.Locator("#invoice")).ToContainTextAsync(invoice);
        await Expect(page.Locator("#invoice")).ToContainTextAsync("86,320.75 CNY");
        await Screenshots.SaveAsync(page, "rehearsal-pay-page");

        // On past 30 days overdue: business day 45, the invoice 36 days past due.
        await page.GotoAsync("/admin/clock");
        await MoveAsync(page, clock, "+30 days");
        await MoveAsync(page, clock, "+7 days");
        Assert.Equal(today.AddDays(45), await MoveAsync(page, clock, "+1 day"));
        Assert.Equal("Move business time +1 day ahead?", asked[^1]);
        await Expect(page.Locator("#ahead")).ToHaveTextAsync("45 days");

        // The credit officer's joint collection task.
        await page.GotoAsync("/credit/tasks");
        await page.GetByLabel("API key").FillAsync(OfficerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tasks for the credit officer" })).ToBeVisibleAsync();
        var collect = page.Locator("#open-tasks tbody tr").Filter(new() { HasText = $"Collect invoice {invoice} of {CustomerName} together with sales" });
        await ReloadUntilShownAsync(page, collect, "the joint collection task");
        await Expect(collect).ToContainTextAsync("86,320.75 CNY open");
        await Expect(collect.Locator("td.mono")).ToHaveTextAsync(invoice);
        await Screenshots.SaveAsync(page, "rehearsal-tasks");

        // The ERP's next order for the customer is held: its limit is frozen.
        var order = UniqueName.For("SO");
        var answer = await PostErpAsync(host, "orders", ErpHost.Order(customer, order, 20_000m, date: today.AddDays(45)));
        Assert.Equal("hold", answer.GetProperty("decision").GetString());

        // The customer's page: the frozen limit, the yellow warning and the held order.
        await collect.GetByRole(AriaRole.Link, new() { Name = CustomerName }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = CustomerName, Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#frozen")).ToContainTextAsync("The limit is frozen");
        await Expect(page.Locator("#warnings .level-yellow")).ToHaveCountAsync(1);
        var held = page.Locator("#holds tbody tr").Filter(new() { HasText = order });
        await ReloadUntilShownAsync(page, held, "the held order on the customer's page");
        await Expect(held).ToContainTextAsync("limit");
        await Expect(held).ToContainTextAsync("waiting");
        await Screenshots.SaveAsync(page, "rehearsal-customer");

        // The outbox meanwhile: the payment notice of the due date above the reminder (newest first), and the approval
        // mail of the held order, whose long link wraps inside its card rather than running off it.
        await page.GotoAsync("/admin/outbox");
        await ReloadUntilShownAsync(page, page.Locator("article.outbox-mail h2").Filter(new() { HasText = $"Approval needed: Held order {order}" }), "the held order's approval mail");
        var subjects = (await page.Locator("article.outbox-mail h2").AllTextContentsAsync()).ToList();
        var notice = subjects.FindIndex(s => s.StartsWith($"Payment due today: invoice {invoice}", StringComparison.Ordinal));
        Assert.InRange(notice, 0, subjects.FindIndex(s => s.StartsWith($"Payment reminder: invoice {invoice}", StringComparison.Ordinal)) - 1);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('article.outbox-mail')].filter(m => m.scrollWidth > m.clientWidth).map(m => m.querySelector('h2').textContent)"));
        await Screenshots.SaveAsync(page, "rehearsal-outbox-later");
    }

    /// <summary>Clicks the clock page's <paramref name="button"/> (accepting its question) and returns the business day the page then shows.</summary>
    private static async Task<DateOnly> MoveAsync(IPage page, TimeProvider clock, string button)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        var now = Day(clock.GetUtcNow());
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Business time moved {button[1..]} ahead, to {now:d MMMM yyyy}.");
        await Expect(page.Locator("#business-time")).ToContainTextAsync(Long(now));
        return now;
    }

    /// <summary>Reloads the page until <paramref name="shown"/> is on it: the workflows act asynchronously after a move.</summary>
    private static async Task ReloadUntilShownAsync(IPage page, ILocator shown, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await shown.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what} on {page.Url}.");
            await Task.Delay(250);
            await page.ReloadAsync();
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    /// <summary>A customer granted credit on an application that names its contact, where dunning writes.</summary>
    private static async Task<string> CustomerAsync(RunningHost host, DateTimeOffset now)
    {
        var id = UniqueName.For("cust");
        var store = host.Services.GetRequiredService<CreditStore>();
        await store.Customers.CreateAsync(new Customer(id, CustomerName, "91441900" + id[^6..], null, "plastics", now));
        await store.Profiles.CreateAsync(
            new CustomerCreditProfile(id, CreditClass.B, Money.Of(500_000m, "CNY"), 30, string.Empty, CreditProfileStatus.Active, 72m, null, null, null),
            new CreditDecision(UniqueName.For("d"), id, now, "test", "profile created", "test setup", "{}", null, null));
        await store.Applications.CreateAsync(
            new CreditApplication(UniqueName.For("app"), id, Money.Of(500_000m, "CNY"), 30, new Dictionary<string, decimal>(), "First visit: a tidy plant.", ApplicationStatus.Granted, "test", now, now)
            {
                ContactEmail = $"accounts@{id}.example",
                SalesRepEmail = "sales.rep@creditflow.local",
            });
        return id;
    }

    /// <summary>Posts to the ERP webhook as the ERP does, signed with the real time (a rehearsal does not move the ERP's clock).</summary>
    private static async Task<JsonElement> PostErpAsync(RunningHost host, string path, object body)
    {
        using var request = ErpHost.Signed(path, JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)), DateTimeOffset.UtcNow, ErpKey);
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /api/erp/{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static string Long(DateOnly day) => day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private static Dictionary<string, string?> Settings(string url) => new()
    {
        ["Clock__Mode"] = "Rehearsal",
        ["AdminKey"] = AdminKey,
        ["PublicBaseUrl"] = url,
        ["Erp__SigningKeys__0"] = ErpKey,
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.5",
        ["ApiKeys__0__Name"] = "Chen Jing (credit officer)",
        ["ApiKeys__0__Role"] = nameof(CreditRole.CreditOfficer),
        ["ApiKeys__0__Sha256"] = CreditApiHost.Sha256Hex(OfficerKey),
    };
}
