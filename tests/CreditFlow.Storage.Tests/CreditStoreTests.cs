using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditFlow.Storage.Tests;

public sealed class CreditStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddCreditStorage_HostStarted_TablesCreatedAndRepositoriesResolved()
    {
        var services = new ServiceCollection().AddLogging().AddCreditStorage(azurite.ConnectionString, UniqueName.For("di"));
        await using var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var customers = provider.GetRequiredService<CustomerRepository>();
        await customers.CreateAsync(new Customer("c1", "ACME", "123", null, null, TestStore.Start));

        Assert.NotNull(await customers.GetAsync("c1"));
        Assert.Same(provider.GetRequiredService<CreditStore>().Decisions, provider.GetRequiredService<DecisionLog>());
    }

    [Fact]
    public async Task OpenAsync_TwoPrefixes_Isolated()
    {
        var first = await TestStore.OpenAsync(azurite);
        var second = await TestStore.OpenAsync(azurite);

        await first.Customers.CreateAsync(new Customer("c1", "ACME", "123", null, null, TestStore.Start));

        Assert.Null(await second.Customers.GetAsync("c1"));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    [InlineData("")]
    public void Ctor_InvalidPrefix_ArgumentExceptionSayingHowToFix(string prefix)
    {
        var e = Assert.Throws<ArgumentException>(() => new CreditStore(
            new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString),
            new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString),
            new CreditStorageOptions { Prefix = prefix },
            TimeProvider.System));

        Assert.Contains("Storage:Prefix", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_ZeroDocumentLimit_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new CreditStore(
            new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString),
            new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString),
            new CreditStorageOptions { MaxDocumentBytes = 0 },
            TimeProvider.System));
    }
}
