using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.Client;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Testing;

namespace CreditFlow.Durable.Tests.Runtime;

public sealed class ManagementTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ChangedCode_ReplayDiverges_FailsNamingExpectedAndActual()
    {
        await using var v1 = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<ChangingV1>("Changing"));
        var id = await v1.Client.ScheduleNewOrchestrationInstanceAsync("Changing");
        await v1.WaitForHistoryAsync(id, h => h.OfType<TaskCompleted>().Any());
        await v1.DisposeAsync();

        await using var v2 = await v1.StartAnotherWorkerAsync(storage.Azurite, r => r.AddOrchestrator<ChangingV2>("Changing"));
        await v2.Client.RaiseEventAsync(id, "Continue");
        var done = await v2.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("expects TaskScheduled 'SayHello'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("did TaskScheduled 'Square'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ThousandInstances_PagesThroughAllWithFilters()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var later = new StartOrchestrationOptions { StartAt = DurableTestHost.Epoch.AddYears(1) };
        var ids = new List<string>();
        foreach (var batch in Enumerable.Range(0, 1000).Chunk(50))
        {
            ids.AddRange(await Task.WhenAll(batch.Select(i => host.Client.ScheduleNewOrchestrationInstanceAsync(
                i % 2 == 0 ? "HelloSequence" : "ApprovalWait", i, later with { InstanceId = $"{(i < 100 ? "vip" : "std")}-{i:D4}" }))));
        }

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 100 }).AsPages(token, 100).FirstAsync();
            seen.AddRange(page.Values.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.InRange(pages, 10, 11);
        var vip = await host.ListAsync(new OrchestrationQuery { InstanceIdPrefix = "vip-", PageSize = 1000 });
        Assert.Equal(100, vip.Count);
        var named = await host.Client.GetAllInstancesAsync("ApprovalWait", new OrchestrationQuery { InstanceIdPrefix = "vip-", PageSize = 1000 }).ToListAsync();
        Assert.Equal(50, named.Count);
        var pending = await host.ListAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending], CreatedFrom = DurableTestHost.Epoch, PageSize = 1000 });
        Assert.Equal(1000, pending.Count);
        var none = await host.ListAsync(new OrchestrationQuery { CreatedFrom = DurableTestHost.Epoch.AddDays(1) });
        Assert.Empty(none);
    }

    [Fact]
    public async Task StartAt_Future_StaysPendingUntilTheClockArrives()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("HelloSequence", null, new StartOrchestrationOptions { StartAt = DurableTestHost.Epoch.AddDays(3) });
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        host.Clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.CompleteAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task PoisonMessage_KeepsFailing_IsParkedWithItsErrorAndCanBeReplayed()
    {
        var options = new DurableTaskOptions { HubName = UniqueName.For("poison"), MaxDequeueCount = 2, ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2), MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500) };
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<NeedsMissingService>(), options);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(NeedsMissingService));

        IReadOnlyList<(string PoisonId, Worker.PoisonMessage Message)> poison = [];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (poison.Count == 0)
        {
            await Task.Delay(100, cts.Token);
            poison = await host.Client.GetPoisonMessagesAsync(cts.Token);
        }

        var (poisonId, message) = Assert.Single(poison);
        Assert.Contains("Failed 2 times", message.Reason, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", message.Reason, StringComparison.Ordinal);
        Assert.Contains(nameof(Gate), message.Reason, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.True(await host.Client.ReplayPoisonMessageAsync(poisonId));
        Assert.DoesNotContain(await host.Client.GetPoisonMessagesAsync(), p => p.PoisonId == poisonId);
    }

    [Fact]
    public async Task PoisonMessage_Malformed_IsParkedListedAndDiscarded()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var queue = new Azure.Storage.Queues.QueueClient(host.ConnectionString, $"{host.Hub.Options.HubName.ToLowerInvariant()}-control-01");
        await queue.SendMessageAsync("this is not a task message");

        IReadOnlyList<(string PoisonId, Worker.PoisonMessage Message)> poison = [];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (poison.Count == 0)
        {
            await Task.Delay(50, cts.Token);
            poison = await host.Client.GetPoisonMessagesAsync(cts.Token);
        }

        var (poisonId, message) = Assert.Single(poison);
        Assert.Equal(1, message.Partition);
        Assert.Equal("this is not a task message", message.Body);
        Assert.Contains("Not a valid message", message.Reason, StringComparison.Ordinal);
        Assert.True(await host.Client.DiscardPoisonMessageAsync(poisonId));
        Assert.Empty(await host.Client.GetPoisonMessagesAsync());
        Assert.False(await host.Client.DiscardPoisonMessageAsync(poisonId));
    }
}
