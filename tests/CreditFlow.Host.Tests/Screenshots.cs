using Microsoft.Playwright;

namespace CreditFlow.Host.Tests;

/// <summary>
/// Saves a full-page screenshot as <c>{name}.png</c> into the folder named by SCREENSHOT_DIR, when it
/// is set, so people can look at the pages a browser test walked through; otherwise does nothing.
/// A page too long to look at whole is taken as the window shows it (<c>fullPage: false</c>).
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
        }
    }
}
