using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreHistory = DurableTask.Core.History;

namespace CreditFlow.Durable.AzureStorage.Tests;

/// <summary>On Microsoft's engine too: instances in flight finish on the version they started on; new starts take the newest.</summary>
public sealed class VersioningTests
{
    [Fact]
    public async Task NewVersionRegisteredBeside_RunningInstanceFinishesOnItsOwn_NewStartRunsTheNewOne()
    {
        var hub = EngineTestHost.NewHub();
        string old;
        await using (var v1 = await EngineTestHost.StartAsync(r => r.AddOrchestrator<ChangingUnversioned>(), hub))
        {
            old = await v1.Client.ScheduleNewOrchestrationInstanceAsync("Changing");
            await v1.HistoryAsync(old, h => h.OfType<CoreHistory.TaskCompletedEvent>().Any());
        }

        await using var both = await EngineTestHost.StartAsync(r => r.AddOrchestrator<ChangingUnversioned>().AddOrchestrator<ChangingV2>(), hub);
        var fresh = await both.Client.ScheduleNewOrchestrationInstanceAsync("Changing");
        await both.HistoryAsync(fresh, h => h.OfType<CoreHistory.TaskCompletedEvent>().Any());
        await both.Client.RaiseEventAsync(old, "Continue");
        await both.Client.RaiseEventAsync(fresh, "Continue");

        Assert.Equal("v1", (await both.CompletionAsync(old)).ReadOutputAs<string>());
        var newer = await both.CompletionAsync(fresh);
        Assert.Equal("v2 (context says 2)", newer.ReadOutputAs<string>());
        Assert.Equal("2", newer.Tags[CreditFlowDurableTaskClient.VersionTag]);
        Assert.Equal("2", (await both.Client.GetOrchestrationHistoryAsync(fresh)).OfType<CoreHistory.ExecutionStartedEvent>().Single().Version);
    }

    [Fact]
    public async Task VersionNoLongerRegistered_InstanceFailsNamingItsVersionAndTheRegisteredOnes()
    {
        var hub = EngineTestHost.NewHub();
        string old;
        await using (var v1 = await EngineTestHost.StartAsync(r => r.AddOrchestrator<ChangingUnversioned>(), hub))
        {
            old = await v1.Client.ScheduleNewOrchestrationInstanceAsync("Changing");
            await v1.HistoryAsync(old, h => h.OfType<CoreHistory.TaskCompletedEvent>().Any());
        }

        await using var v2Only = await EngineTestHost.StartAsync(r => r.AddOrchestrator<ChangingV2>(), hub);
        await v2Only.Client.RaiseEventAsync(old, "Continue");
        var done = await v2Only.CompletionAsync(old);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("started on 'Changing' unversioned", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("it has version '2'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartWithAnExplicitVersion_RunsThatVersion()
    {
        await using var host = await EngineTestHost.StartAsync(r => r.AddOrchestrator<ChangingUnversioned>().AddOrchestrator<ChangingV2>());

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changing", null, new StartOrchestrationOptions { Version = TaskVersion.Unversioned });
        await host.HistoryAsync(id, h => h.OfType<CoreHistory.TaskCompletedEvent>().Any());
        await host.Client.RaiseEventAsync(id, "Continue");

        var done = await host.CompletionAsync(id);
        Assert.Equal("v1", done.ReadOutputAs<string>());
        Assert.False(done.Tags.ContainsKey(CreditFlowDurableTaskClient.VersionTag));
    }

    [Fact]
    public async Task ContinueAsNew_KeepsTheUnversionedInstanceUnversioned_WhenVersion2AppearedMeanwhile()
    {
        var hub = EngineTestHost.NewHub();
        string id;
        await using (var v1 = await EngineTestHost.StartAsync(r => r.AddOrchestrator<RoundsUnversioned>(), hub))
        {
            id = await v1.Client.ScheduleNewOrchestrationInstanceAsync("Rounds", 0);
            await v1.StatusAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        }

        await using var both = await EngineTestHost.StartAsync(r => r.AddOrchestrator<RoundsUnversioned>().AddOrchestrator<RoundsV2>(), hub);
        await both.Client.RaiseEventAsync(id, "Continue");

        Assert.Equal("v1 round 1", (await both.CompletionAsync(id)).ReadOutputAs<string>());
    }
}
