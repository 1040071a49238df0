using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.DependencyInjection;
using CreditFlow.Durable.Worker;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Hosting;
using CreditFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Durable.Tests.Runtime;

public sealed class TaskHubTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task StartAsync_PartitionCountChanged_StopsWithHowToFix()
    {
        var hubName = UniqueName.For("fixed");
        await new Storage.TaskHub(storage.ConnectionString, new DurableTaskOptions { HubName = hubName, PartitionCount = 4 }).CreateIfNotExistsAsync();
        var services = new ServiceCollection();
        services.AddDurableTaskWorker(b => b.UseCreditFlowStorage(storage.ConnectionString, new DurableTaskOptions { HubName = hubName, PartitionCount = 8 }));
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetServices<IHostedService>().OfType<CreditFlowDurableTaskWorker>().Single();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => worker.StartAsync(CancellationToken.None));

        Assert.Contains("\"partitionCount\":4", error.Message, StringComparison.Ordinal);
        Assert.Contains("partitionCount 8", error.Message, StringComparison.Ordinal);
        Assert.Contains("use a new hubName", error.Message, StringComparison.Ordinal);
    }
}
