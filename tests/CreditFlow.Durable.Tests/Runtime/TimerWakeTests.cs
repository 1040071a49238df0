using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>
/// When the timer loop queries: a timer due before the loop's own next query wakes it, a full page of due timers is refilled
/// as it drains. The test clock never moves by itself, so a loop that failed to wake or to refill would leave a timer
/// unfired and the test would time out.
/// </summary>
public sealed class TimerWakeTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task TimerShorterThanThePollingInterval_StoredWhileTheLoopSleeps_FiresWhenDue()
    {
        // The loop sleeps five minutes between queries of its own accord; the workflow's timer is due after one.
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<SleepSeconds>(), new DurableTaskOptions
        {
            HubName = UniqueName.For("timerwake"), ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2), MaxQueuePollingInterval = TimeSpan.FromMinutes(5),
        });
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SleepSeconds), 60);
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any());

        host.Clock.Advance(TimeSpan.FromSeconds(60));
        var done = await host.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(DurableTestHost.Epoch.UtcDateTime.AddSeconds(60), done.ReadOutputAs<DateTime>());
    }

    [Fact]
    public async Task TimersDueAtOnce_MoreThanOnePage_AllFireWithoutTheClockMovingAgain()
    {
        // One partition, so all 130 timers fall in one query's reach of 100.
        const int workflows = 130;
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<LongSleep>(), new DurableTaskOptions
        {
            HubName = UniqueName.For("timerpage"), PartitionCount = 1, ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2),
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        });
        var ids = new List<string>();
        for (var i = 0; i < workflows; i++)
        {
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(LongSleep), 1));
        }

        await host.WaitForTimersAsync(rows => rows.Count == workflows, TimeSpan.FromSeconds(60));

        host.Clock.Advance(TimeSpan.FromDays(1));
        foreach (var id in ids)
        {
            var done = await host.CompleteAsync(id, TimeSpan.FromSeconds(60));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        }

        Assert.Empty(host.Hub.Timers.Query<Azure.Data.Tables.TableEntity>());
    }
}
