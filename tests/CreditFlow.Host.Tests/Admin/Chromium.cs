using Microsoft.Playwright;

namespace CreditFlow.Host.Tests.Admin;

/// <summary>Debian's Chromium (<see cref="BrowserFactAttribute.ChromiumPath"/>), headless, as every browser test launches it: never Playwright's own download.</summary>
internal static class Chromium
{
    // No sandbox (containers), no GPU, and nothing that calls home during a test.
    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = BrowserFactAttribute.ChromiumPath, Headless = true, Args = Args });
}
