namespace CreditFlow.Host.Tests.Admin;

/// <summary>A fact that needs Debian's Chromium; without it the test reports itself skipped with the reason, never passed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = $"No Chromium at {ChromiumPath}; install it (apt-get install -y chromium) to run the browser tests.";
        }
    }
}
