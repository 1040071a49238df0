using System.Net;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using CreditFlow.Host.Security;
using CreditFlow.Testing;
using Microsoft.AspNetCore.DataProtection;

namespace CreditFlow.Host.Tests.Security;

/// <summary>
/// One Data Protection key ring in blob storage for every host process (<see cref="DataProtectionKeys"/>): what one
/// process protects — an antiforgery token, the staff sign-in cookie — another reads, against real Azurite.
/// </summary>
public sealed class DataProtectionKeysTests
{
    private const string AdminKey = "keys-test-admin-key-0123456789";

    [Fact]
    public async Task Protect_InOneProcess_UnprotectsInAnotherOnTheSameStorage_OneBlobPerKey()
    {
        var azurite = await SharedAzurite.GetAsync();
        var container = UniqueName.For("keys");

        string protectedText;
        await using (var first = Services(azurite.ConnectionString, container))
        {
            protectedText = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("the same on every instance");
        }

        await using var second = Services(azurite.ConnectionString, container);
        await using var elsewhere = Services(azurite.ConnectionString, UniqueName.For("keys"));

        Assert.Equal("the same on every instance", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
        Assert.ThrowsAny<CryptographicException>(() => elsewhere.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
        var blobs = new List<string>();
        await foreach (var blob in new BlobContainerClient(azurite.ConnectionString, container).GetBlobsAsync())
        {
            blobs.Add(blob.Name);
        }

        Assert.Matches("^key-[0-9a-f-]{36}\\.xml$", Assert.Single(blobs));
    }

    [Fact]
    public async Task FormToken_FromOneHost_IsAcceptedByAnotherOnTheSameStorage_NotByOneWithOtherKeys()
    {
        var azurite = await SharedAzurite.GetAsync();
        var prefix = UniqueName.For("credit");
        await using var first = await HostAsync(azurite.ConnectionString, prefix);
        await using var second = await HostAsync(azurite.ConnectionString, prefix);
        await using var other = await HostAsync(azurite.ConnectionString, UniqueName.For("credit"));

        // The login page served by the first instance, its form sent to the second (a load balancer's choice), and to an
        // instance keeping its keys elsewhere.
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        var form = await browser.TokenAndCookieAsync(new Uri(first.Client.BaseAddress!, "/admin/login").AbsoluteUri);
        using var signedIn = await LoginAsync(browser, second, form);
        using var refused = await LoginAsync(browser, other, form);

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal("/admin", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<h1>Form out of date</h1>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static ServiceProvider Services(string storage, string container) =>
        new ServiceCollection().AddLogging().AddSharedDataProtection(storage, container).BuildServiceProvider();

    private static Task<RunningHost> HostAsync(string storage, string prefix) =>
        RunningHost.StartAsync(storage, new Dictionary<string, string?> { ["AdminKey"] = AdminKey, ["Storage__Prefix"] = prefix });

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient browser, RunningHost host, (string Token, string Cookie) form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.Client.BaseAddress!, "/admin/login"))
        {
            Content = FormPosts.Form(form.Token, [("key", AdminKey), ("next", "/admin")]),
        };
        request.Headers.Add("Cookie", form.Cookie);
        return await browser.SendAsync(request);
    }
}
