using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace CreditFlow.Host.Tests.Admin;

/// <summary>How long a browser assertion waits for the page to reach what it expects, for every browser test.</summary>
internal static class BrowserAssertions
{
    // Playwright's default of 5 s is tuned for a developer's machine. CI runs the whole suite on two cores, with hosts,
    // Azurite and Chromium competing; waiting longer only slows a test that is failing anyway, never passes a wrong page.
    private const float ExpectTimeoutMs = 15_000;

    [ModuleInitializer]
    internal static void WaitLongerOnBusyMachines() => Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
}
