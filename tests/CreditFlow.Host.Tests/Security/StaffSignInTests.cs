using System.Net;
using CreditFlow.Testing;

namespace CreditFlow.Host.Tests.Security;

/// <summary>Staff sign in with the organisation's OpenID Connect provider (a local stand-in issuing signed tokens); API keys still work.</summary>
public sealed class StaffSignInTests
{
    private const string AdminKey = "staff-test-admin-key-0123456789";

    private static async Task<RunningHost> HostAsync(OidcStandIn provider, string? clockMode = null)
    {
        var azurite = await SharedAzurite.GetAsync();
        var url = RunningHost.FreeLoopbackUrl();
        return await RunningHost.StartAsync(azurite.ConnectionString, url: url, environmentName: clockMode is null ? null : "Development", settings: new Dictionary<string, string?>
        {
            ["Clock__Mode"] = clockMode,
            ["PublicBaseUrl"] = url, // the provider sends people back here
            ["AdminKey"] = AdminKey,
            ["SignIn__Authority"] = provider.Issuer.AbsoluteUri,
            ["SignIn__RequireHttpsMetadata"] = "false",
            ["SignIn__ClientId"] = OidcStandIn.ClientId,
            ["SignIn__ClientSecret"] = OidcStandIn.ClientSecret,
            ["SignIn__Roles__CreditManager"] = "CreditFlow.CreditManager",
            ["SignIn__Roles__Admin"] = "CreditFlow.Admin, CreditFlow.Operators",
            ["ApiKeys__0__Name"] = "Batch job",
            ["ApiKeys__0__Role"] = "CreditOfficer",
            ["ApiKeys__0__Sha256"] = Applications.CreditApiHost.Sha256Hex("staff-test-machine-key-0123456789"),
        });
    }

    private static HttpClient Browser(RunningHost host) =>
        new(new HttpClientHandler { AllowAutoRedirect = true, CookieContainer = new CookieContainer() }) { BaseAddress = host.Client.BaseAddress };

    [Fact]
    public async Task CreditManager_SignsInWithTheProvider_TheHoldsPageActsAsThem_AndTheAdminPagesStayClosed()
    {
        await using var provider = await OidcStandIn.StartAsync();
        await using var host = await HostAsync(provider);
        using var browser = Browser(host);

        var signInPage = await browser.GetStringAsync("/credit/sign-in");
        Assert.Contains("Sign in with your organisation account", signInPage, StringComparison.Ordinal);

        using var holds = await browser.GetAsync("/credit/sign-in/staff?next=/credit/holds");
        Assert.Equal(HttpStatusCode.OK, holds.StatusCode);
        Assert.Equal("/credit/holds", holds.RequestMessage!.RequestUri!.AbsolutePath);
        var page = await holds.Content.ReadAsStringAsync();
        Assert.Contains("Wang Lei", page, StringComparison.Ordinal);
        Assert.Contains("credit manager", page, StringComparison.Ordinal);

        // A credit manager is no admin: the monitor still asks for the admin key.
        using var admin = await browser.GetAsync("/admin");
        Assert.Equal("/admin/login", admin.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task DuringARehearsal_AMonthOfBusinessTimeLater_TheCreditManagerIsStillSignedIn()
    {
        await using var provider = await OidcStandIn.StartAsync();
        await using var host = await HostAsync(provider, clockMode: "Rehearsal");
        using var browser = Browser(host);
        Assert.Equal("/credit/holds", (await browser.GetAsync("/credit/sign-in/staff?next=/credit/holds")).RequestMessage!.RequestUri!.AbsolutePath);

        await host.Services.GetRequiredService<CreditFlow.Host.Rehearsal.RehearsalClock>().AdvanceAsync(30, CancellationToken.None);

        // The session lasts eight hours of the person's time, not of the business clock a rehearsal moves.
        using var holds = await browser.GetAsync("/credit/holds");
        Assert.Equal("/credit/holds", holds.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Wang Lei", await holds.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminGroup_OpensTheMonitor_AnAccountWithoutAMappedRoleIsRefused_AndApiKeysStillWork()
    {
        await using var provider = await OidcStandIn.StartAsync();
        await using var host = await HostAsync(provider);

        provider.Person = ("Li Na", ["CreditFlow.Operators"]);
        using (var browser = Browser(host))
        {
            using var admin = await browser.GetAsync("/credit/sign-in/staff?next=/admin");
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            Assert.Equal("/admin", admin.RequestMessage!.RequestUri!.AbsolutePath);
        }

        provider.Person = ("Visitor", ["Everyone"]);
        using (var browser = Browser(host))
        {
            using var refused = await browser.GetAsync("/credit/sign-in/staff?next=/credit/holds");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("/credit/sign-in", refused.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("no CreditFlow role", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var holds = await browser.GetAsync("/credit/holds");
            Assert.Equal("/credit/sign-in", holds.RequestMessage!.RequestUri!.AbsolutePath);
        }

        using var machine = new HttpClient { BaseAddress = host.Client.BaseAddress };
        machine.DefaultRequestHeaders.Add("x-api-key", "staff-test-machine-key-0123456789");
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/holds")).StatusCode);
    }
}
