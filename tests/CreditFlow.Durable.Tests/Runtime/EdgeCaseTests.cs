using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Testing;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>Cases a review found: events at a ContinueAsNew, and leftovers of purged instances.</summary>
public sealed class EdgeCaseTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ContinueAsNew_SeveralEventsInOneStep_CarriesTheUnseenOnes()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<TickCounter>());
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TickCounter), 0);
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.SuspendInstanceAsync(id);
        await host.WaitForHistoryAsync(id, h => h.OfType<ExecutionSuspended>().Any());
        for (var i = 1; i <= 3; i++)
        {
            await host.Client.RaiseEventAsync(id, "Tick");
            await host.WaitForHistoryAsync(id, h => h.OfType<EventRaised>().Count() == i);
        }

        await host.Client.ResumeInstanceAsync(id); // one step now sees all three ticks

        Assert.Equal(3, (await host.CompleteAsync(id)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task PurgedInstance_LeftoverTimerFires_IsDroppedAndDeleted()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 3600);
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any());
        await host.Client.RaiseEventAsync(id, "Approval", "gina");
        await host.CompleteAsync(id);
        await host.Client.PurgeInstanceAsync(id);
        var timers = host.Hub.Timers;
        Assert.Single(timers.Query<Azure.Data.Tables.TableEntity>().ToList()); // the timeout timer is still stored

        host.Clock.Advance(TimeSpan.FromHours(1));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (timers.Query<Azure.Data.Tables.TableEntity>().Any())
        {
            await Task.Delay(20, cts.Token);
        }

        Assert.Null(await host.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task SubOrchestration_IdAlreadyRunning_FailsTheParentsCall()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<Parent>());
        var busy = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 3600, new StartOrchestrationOptions { InstanceId = "busy-child" });
        await host.Client.WaitForInstanceStartAsync(busy);

        var parent = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Parent), "busy-child");
        var done = await host.CompleteAsync(parent);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("'busy-child' is already running", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(busy))!.RuntimeStatus);
    }

    [Fact]
    public async Task Orchestrator_AwaitsATaskDelay_FailsSayingWhyInsteadOfRunningForever()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<AwaitsTaskDelay>());
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AwaitsTaskDelay));

        var done = await host.CompleteAsync(id, TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("awaits something that is not a durable task", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CreateTimer", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }
}
