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

    private static ServiceProvider Services(string storage, string container) =>
        new ServiceCollection().AddLogging().AddSharedDataProtection(storage, container).BuildServiceProvider();
}
