using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Admin;

/// <summary>The monitor UI in a real Chromium: sign in, filter, open an instance, raise its event, see it complete.</summary>
public sealed class AdminBrowserTests(AdminHostFixture host) : IClassFixture<AdminHostFixture>
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    [BrowserFact]
    public async Task Browser_FilterOpenAndRaiseApproval_InstanceCompletes()
    {
        var prefix = $"ui{Guid.NewGuid():N}"[..14];
        var waiting = await host.Durable.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 300, new StartOrchestrationOptions { InstanceId = $"{prefix}-approval" });
        var other = await host.Durable.ScheduleNewOrchestrationInstanceAsync("HelloSequence", null, new StartOrchestrationOptions { InstanceId = $"x{prefix}-other" });
        await host.WaitForStartAsync(waiting);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath, Headless = true, Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.BaseAddress.ToString() });
        page.SetDefaultTimeout((float)AdminHostFixture.Patience.TotalMilliseconds);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        // Sign in: the list redirects to the login form and back.
        await page.GotoAsync("/admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("Admin key").FillAsync(AdminHostFixture.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Instances" })).ToBeVisibleAsync();

        // Filter by id prefix: only the waiting instance remains.
        await page.GetByLabel("Instance id prefix").FillAsync(prefix);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = waiting })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = other })).ToHaveCountAsync(0);

        // Open it and raise the Approval event through the form, accepting the confirmation.
        await page.GetByRole(AriaRole.Link, new() { Name = waiting }).ClickAsync();
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Running");
        var form = page.Locator("#raise-event-form");
        await form.GetByLabel("Event name").FillAsync("Approval");
        await form.GetByLabel("Payload (JSON, empty for none)").FillAsync("\"browser user\"");
        await form.GetByRole(AriaRole.Button, new() { Name = "Raise event" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Event 'Approval' sent");

        // The redirect may land before the worker finishes; reload once it has.
        await host.WaitForCompletionAsync(waiting);
        await page.ReloadAsync();
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#output")).ToContainTextAsync("approved by browser user");
        var screenshot = Environment.GetEnvironmentVariable("ADMIN_SCREENSHOT");
        if (!string.IsNullOrEmpty(screenshot))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        }
    }
}
