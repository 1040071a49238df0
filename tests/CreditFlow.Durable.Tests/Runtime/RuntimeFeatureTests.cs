using CreditFlow.Durable.DependencyInjection;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CreditFlow.Durable.Tests.Runtime;

public sealed class RuntimeFeatureTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestrator<GuidAcrossReplay>().AddActivity<EchoGuid>().AddOrchestrator<Notifier>().AddOrchestrator<Echo>()
        .AddOrchestrator<GatedFanOut>().AddActivity<Gated>();

    [Fact]
    public async Task NewGuid_AcrossReplays_IsTheSameAndStillUnique()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GuidAcrossReplay));
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any());

        host.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True((await host.CompleteAsync(id)).ReadOutputAs<bool>());
    }

    [Fact]
    public async Task SendEvent_ToAnotherInstance_IsDeliveredOnce()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);
        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 3600);
        await host.WaitForHistoryAsync(waiting, h => h.OfType<TimerCreated>().Any());

        var notifier = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Notifier), waiting);

        Assert.Equal("approved by notifier", (await host.CompleteAsync(waiting)).ReadOutputAs<string>());
        Assert.Single((await host.HistoryAsync(notifier)).OfType<EventSent>());
        Assert.Single((await host.HistoryAsync(waiting)).OfType<EventRaised>());
    }

    [Fact]
    public async Task Schedule_InputBeyondQueueLimit_TravelsThroughABlob()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);
        var big = new string('q', 200_000);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Echo), big);
        var done = await host.CompleteAsync(id);

        Assert.Equal(200_000, done.ReadOutputAs<int>());
        Assert.Equal(big, done.ReadInputAs<string>());
    }

    [Fact]
    public async Task PurgeAll_ByStatusAndTime_RemovesOnlyMatchingTerminalInstances()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);
        var finished = await host.Client.ScheduleNewOrchestrationInstanceAsync("HelloSequence");
        await host.CompleteAsync(finished);
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 3600);
        await host.Client.WaitForInstanceStartAsync(running);

        var result = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(DurableTestHost.Epoch.AddMinutes(-1), DurableTestHost.Epoch.AddMinutes(1)));

        Assert.Equal(1, result.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(finished));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(running)).PurgedInstanceCount); // the SDK purges ended instances only
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Activities_BeyondTheConcurrencyLimit_WaitForAFreeSlot()
    {
        var gate = new Gate();
        var options = new DurableTaskOptions { HubName = UniqueName.For("limit"), MaxConcurrentActivityFunctions = 2, ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2) };
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register, options, services: s => s.AddSingleton(gate));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GatedFanOut), 10);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (gate.Entered < 2)
            {
                await Task.Delay(10, cts.Token);
            }
        }

        gate.Open();

        Assert.Equal(10, (await host.CompleteAsync(id)).ReadOutputAs<int>());
        Assert.Equal(2, gate.MaxConcurrent);
    }

    [Fact]
    public async Task UseCreditFlowStorage_HostedWorker_RunsOrchestrations()
    {
        var hub = UniqueName.For("di");
        var builder = Host.CreateApplicationBuilder();
        var options = new DurableTaskOptions { HubName = hub };
        builder.Services.AddDurableTaskWorker(b => b.AddTasks(r => r.AddOrchestrator<Echo>()).UseCreditFlowStorage(storage.ConnectionString, options));
        builder.Services.AddDurableTaskClient(b => b.UseCreditFlowStorage(storage.ConnectionString, options));
        using var app = builder.Build();
        await app.StartAsync();
        var client = app.Services.GetRequiredService<DurableTaskClient>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(Echo), "abc");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await client.WaitForInstanceCompletionAsync(id, true, cts.Token);

        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal("HelloSequence", (await client.WaitForInstanceCompletionAsync(await client.ScheduleNewOrchestrationInstanceAsync("HelloSequence"), false, cts.Token)).Name);
        await app.StopAsync();
    }
}
