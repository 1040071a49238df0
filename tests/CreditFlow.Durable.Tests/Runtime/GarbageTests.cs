using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Durable.Worker;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>What no row refers to any more is deleted; purges and sessions stay bounded.</summary>
public sealed class GarbageTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private const int Large = 50_000; // past one table property: kept as a blob

    [Fact]
    public async Task LargeCustomStatus_ChangedThreeTimes_OnlyTheCurrentBlobsRemain()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<GrowingStatus>());
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GrowingStatus), Large);
        for (var step = 1; step <= 3; step++)
        {
            await host.WaitForHistoryAsync(id, h => h.OfType<History.TimerCreated>().Count() == step);
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var done = await host.CompleteAsync(id);
        var blobs = await UntilBlobCountAsync(host, id, 2);

        Assert.Equal(new string('c', Large), done.ReadCustomStatusAs<string>());
        Assert.Equal(2, blobs.Count); // the last custom status and the output, shared by the status and index rows
    }

    [Fact]
    public async Task ContinueAsNew_WithLargeInputs_EarlierExecutionsBlobsAreDeleted()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<BigRounds>());
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(BigRounds), new BigRoundsInput(1, new string('x', Large)));
        for (var round = 1; round <= 3; round++)
        {
            await host.WaitForHistoryAsync(id, h => h.OfType<History.TimerCreated>().Any() && h.OfType<History.ExecutionStarted>().Single().Input!.Contains($"\"round\":{round}", StringComparison.Ordinal));
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(3, (await host.CompleteAsync(id)).ReadOutputAs<int>());

        var blobs = await UntilBlobCountAsync(host, id, 1);
        var current = (await host.Hub.Store.ReadStatusAsync(id, CancellationToken.None))!.ExecutionId!;
        Assert.Single(blobs); // the current execution's input; the earlier two executions left nothing
        Assert.All(blobs, b => Assert.Contains($"/{current}/", b, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PurgeAll_WithATimeBudget_StopsEarlyAndFinishesOnTheNextCall()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var ids = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => host.Client.ScheduleNewOrchestrationInstanceAsync("FanOutFanIn", 1)));
        foreach (var id in ids)
        {
            await host.CompleteAsync(id);
        }

        var filter = new PurgeInstancesFilter(DurableTestHost.Epoch.AddMinutes(-1)) { Timeout = TimeSpan.Zero };
        var partial = await host.Client.PurgeAllInstancesAsync(filter);
        var rest = await host.Client.PurgeAllInstancesAsync(filter with { Timeout = null });

        Assert.False(partial.IsComplete);
        Assert.True(rest.IsComplete);
        Assert.Equal(30, partial.PurgedInstanceCount + rest.PurgedInstanceCount);
        Assert.Empty(await host.ListAsync());
    }

    [Fact]
    public async Task Session_AfterItRetired_RefusesMessagesSoTheWorkerMakesANewOne()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var session = new InstanceSession("nobody-home", 0, host.Worker);
        var stale = new Storage.TaskMessage("nobody-home", "gone-execution", new History.TimerFired(1, DateTime.UtcNow), "stale-1");

        Assert.True(session.TryEnqueue(stale, null)); // dropped as stale, then the quiet session retires
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!session.IsRetired)
        {
            await Task.Delay(10, cts.Token);
        }

        Assert.False(session.TryEnqueue(stale, null));
    }

    /// <summary>Waits (bounded) until the instance's blobs are down to <paramref name="count"/>: garbage goes after the last settle.</summary>
    private static async Task<List<string>> UntilBlobCountAsync(DurableTestHost host, string id, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        List<string> blobs;
        while ((blobs = await BlobsOf(host, id)).Count != count)
        {
            await Task.Delay(20, cts.Token);
        }

        return blobs;
    }

    private static async Task<List<string>> BlobsOf(DurableTestHost host, string instanceId)
    {
        var container = new Azure.Storage.Blobs.BlobContainerClient(host.ConnectionString, $"{host.Hub.Options.HubName.ToLowerInvariant()}-payloads");
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{instanceId}/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
