using CreditFlow.Host.Mail;
using CreditFlow.Host.Tests.Admin;
using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CreditFlow.Host.Tests.Mail;

/// <summary>The local outbox page in a real Chromium: when each mail was stored, in the reader's locale and time zone.</summary>
public sealed class OutboxBrowserTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [BrowserFact]
    public async Task AdminOutbox_ShowsWhenAMailWasStored_InTheReadersLocaleToTheMinute_TheExactTimeInItsTitle()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero).AddMilliseconds(305));
        await using var host = await DevelopmentOutboxHost.StartAsync(storage.ConnectionString, time);
        await host.Services.GetRequiredService<IMailSender>().SendAsync(
            new MailMessage("manager@example.com", "Approval needed", "", "Body text"), "k1", CancellationToken.None);

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);
        var page = await chromium.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = host.Client.BaseAddress!.ToString(),
            ViewportSize = new() { Width = 1280, Height = 700 },
            Locale = "de-DE",
            TimezoneId = "Asia/Shanghai",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["x-functions-key"] = DevelopmentOutboxHost.AdminKey },
        });
        await page.GotoAsync("/admin/outbox");

        // Stored 09:00:00.305 UTC: 17:00 in Shanghai, written the German way.
        var stored = page.Locator("article.outbox-mail header time");
        await Expect(stored).ToHaveTextAsync("2. März 2026, 17:00");
        await Expect(stored).ToHaveAttributeAsync("title", "2026-03-02T09:00:00.3050000+00:00");
        await Screenshots.SaveAsync(page, "outbox");
    }
}
