using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Testing;

namespace CreditFlow.Durable.Tests.Runtime;

public sealed class TimerAndEventTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static void Register(DurableTaskRegistry r) => r.AddOrchestrator<LongSleep>().AddOrchestrator<CollectThree>().AddOrchestrator<LateListener>();

    [Fact]
    public async Task CreateTimer_TwoHundredDays_FiresWhenTheClockGetsThere()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(LongSleep), 200);
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any());

        host.Clock.Advance(TimeSpan.FromDays(199));
        await Task.Yield();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        host.Clock.Advance(TimeSpan.FromDays(1));
        var done = await host.CompleteAsync(id);

        Assert.Equal(DurableTestHost.Epoch.UtcDateTime.AddDays(200), done.ReadOutputAs<DateTime>());
        Assert.Equal(DurableTestHost.Epoch.UtcDateTime.AddDays(200), Assert.Single((await host.HistoryAsync(id)).OfType<TimerFired>()).FireAt);
    }

    [Fact]
    public async Task WaitForExternalEvent_ThreeEvents_ReceivedInArrivalOrder()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CollectThree));
        await host.Client.WaitForInstanceStartAsync(id);

        foreach (var item in new[] { "first", "second", "third" })
        {
            await host.Client.RaiseEventAsync(id, "Item", item);
            await host.WaitForHistoryAsync(id, h => h.OfType<EventRaised>().Any(e => e.Input == $"\"{item}\""));
        }

        Assert.Equal(["first", "second", "third"], (await host.CompleteAsync(id)).ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task WaitForExternalEvent_EventsBeforeTheWait_AreBuffered()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(LateListener));
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.RaiseEventAsync(id, "Item", "early-1");
        await host.WaitForHistoryAsync(id, h => h.OfType<EventRaised>().Count() == 1);
        await host.Client.RaiseEventAsync(id, "Item", "early-2");
        await host.WaitForHistoryAsync(id, h => h.OfType<EventRaised>().Count() == 2);

        await host.Client.RaiseEventAsync(id, "Go");

        Assert.Equal(["early-1", "early-2"], (await host.CompleteAsync(id)).ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task WaitForExternalEvent_NoEventWithinTimeout_TimesOut()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 3600);
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any());

        host.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal("timed out", (await host.CompleteAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventBeforeTimeout_WinsAndLaterTimerIsIgnored()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 3600);
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any());

        await host.Client.RaiseEventAsync(id, "Approval", "ann");

        Assert.Equal("approved by ann", (await host.CompleteAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_Throws()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);

        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.RaiseEventAsync("nobody", "Approval", "x"));
    }
}
