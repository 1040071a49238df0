using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Admin;

/// <summary>The monitor UI in a real Chromium: sign in, filter, open an instance, raise its event, see it complete.</summary>
public sealed class AdminBrowserTests(AdminHostFixture host) : IClassFixture<AdminHostFixture>
{
    [BrowserFact]
    public async Task Browser_HoldWhoseApprovalItClosed_ChildNeutralAndLinkedEnumsByName()
    {
        var input = await host.HoldCancelledWhileItsApprovalWasOpenAsync();
        var holdId = input.HoldId;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout((float)AdminHostFixture.Patience.TotalMilliseconds);
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Admin key").FillAsync(AdminHostFixture.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GotoAsync($"/admin/instances/{holdId}");

        // Enums by name: the stored input has ApproverRole 2, the page says CreditManager.
        await Expect(page.Locator("#input")).ToContainTextAsync("\"approverRole\": \"CreditManager\"");
        await Expect(page.Locator("#output")).ToContainTextAsync("\"resolution\": \"Withdrawn\"");
        await Expect(page.Locator("#output")).Not.ToContainTextAsync("\\u002B");
        await Expect(page.Locator("#custom-status")).ToContainTextAsync("\"resolution\": \"Withdrawn\"");
        await Expect(page.Locator("#input .enum-note")).ToBeVisibleAsync();

        // The child ended by its parent: a neutral bar, no failed one, and the history says so.
        await Expect(page.Locator("#timeline rect.bar.ended")).ToHaveCountAsync(1);
        await Expect(page.Locator("#timeline rect.bar.failed")).ToHaveCountAsync(0);
        await Expect(page.Locator("#history")).ToContainTextAsync("ended by the parent");

        // Labels and ticks inside the chart: no text box reaches past the SVG's edges.
        var outside = await page.EvaluateAsync<string[]>("""
            () => { const svg = document.querySelector('#timeline').getBoundingClientRect();
              return [...document.querySelectorAll('#timeline text')].filter(t => { const r = t.getBoundingClientRect();
                return r.left < svg.left || r.right > svg.right || r.top < svg.top || r.bottom > svg.bottom; }).map(t => t.textContent); }
            """);
        Assert.Empty(outside);
        await Screenshots.SaveAsync(page, "admin-instance-hold-child-ended-by-parent");
        if (Environment.GetEnvironmentVariable("SCREENSHOT_DIR") is { Length: > 0 } folder)
        {
            await page.Locator("#timeline").ScreenshotAsync(new() { Path = Path.Combine(folder, "admin-instance-hold-timeline.png") }); // at full size, to check the labels
        }


        // The child is a link, from the timeline and from the history.
        await Expect(page.Locator($"#history a[href='/admin/instances/{input.ApprovalInstanceId}']").First).ToBeVisibleAsync();
        await page.Locator($"#timeline a[href='/admin/instances/{input.ApprovalInstanceId}']").ClickAsync();
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Terminated");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = holdId })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "admin-instance-approval-child");
    }

    [BrowserFact]
    public async Task Browser_FilterOpenAndRaiseApproval_InstanceCompletes()
    {
        var prefix = $"ui{Guid.NewGuid():N}"[..14];
        var waiting = await host.Durable.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 300, new StartOrchestrationOptions { InstanceId = $"{prefix}-approval" });
        var other = await host.Durable.ScheduleNewOrchestrationInstanceAsync("HelloSequence", null, new StartOrchestrationOptions { InstanceId = $"x{prefix}-other" });
        await host.WaitForStartAsync(waiting);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.BaseAddress.ToString() });
        page.SetDefaultTimeout((float)AdminHostFixture.Patience.TotalMilliseconds);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        // Sign in: the list redirects to the login form and back.
        await page.GotoAsync("/admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "admin-sign-in");
        await page.GetByLabel("Admin key").FillAsync(AdminHostFixture.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Instances" })).ToBeVisibleAsync();

        // Filter by id prefix: only the waiting instance remains.
        await page.GetByLabel("Instance id prefix").FillAsync(prefix);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = waiting })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = other })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "admin-instances-filtered");

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
        await Screenshots.SaveAsync(page, "admin-instance-completed");

        // The operations pages and the clock, on the same layout: its styles load under the pages' policy (no inline style).
        foreach (var (path, heading, shot) in new[] { ("/admin/partitions", "Partitions", "admin-partitions"), ("/admin/poison", "Poison messages", "admin-poison"), ("/admin/clock", "Business clock", "admin-clock") })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            Assert.Equal("rgb(31, 58, 95)", await page.Locator("header.topbar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            await Screenshots.SaveAsync(page, shot);
        }

        var screenshot = Environment.GetEnvironmentVariable("ADMIN_SCREENSHOT");
        if (!string.IsNullOrEmpty(screenshot))
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        }
    }
}
