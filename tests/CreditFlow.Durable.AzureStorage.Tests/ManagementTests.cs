using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreHistory = DurableTask.Core.History;

namespace CreditFlow.Durable.AzureStorage.Tests;

/// <summary>What the management API and the monitor ask of a client, on Microsoft's engine.</summary>
public sealed class ManagementTests
{
    private static void Register(DurableTaskRegistry r) =>
        r.AddOrchestrator<Waiter>().AddOrchestrator<Parent>().AddOrchestrator<CallsFlaky>().AddActivity<Flaky>();

    [Fact]
    public async Task SuspendedInstance_KeepsItsEventUntilResumed()
    {
        await using var host = await EngineTestHost.StartAsync(Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.StatusAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.SuspendInstanceAsync(id, "checking the customer");
        await host.StatusAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "Continue", "go");
        await host.HistoryAsync(id, h => h.OfType<CoreHistory.EventRaisedEvent>().Any());
        var whileSuspended = await host.Client.GetInstanceAsync(id);
        await host.Client.ResumeInstanceAsync(id, "checked");

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended!.RuntimeStatus);
        Assert.Equal("go", (await host.CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestration_NamesItsParent_AndTheParentGetsItsResult()
    {
        await using var host = await EngineTestHost.StartAsync(Register);
        var parentId = "parent-" + Guid.NewGuid().ToString("N")[..8];
        var childId = parentId + "-child";

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", childId, new StartOrchestrationOptions(parentId));
        var child = await host.StatusAsync(childId, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.RaiseEventAsync(childId, "Continue", "yes");

        Assert.Equal(parentId, child.Tags[CreditFlowDurableTaskClient.ParentTag]);
        Assert.Equal("child said yes", (await host.CompletionAsync(parentId)).ReadOutputAs<string>());
        Assert.False((await host.Client.GetInstanceAsync(parentId))!.Tags.ContainsKey(CreditFlowDurableTaskClient.ParentTag));
    }

    [Fact]
    public async Task RunningInstance_StartAgain_Refused_PurgeInAnyState_DeletesIt()
    {
        await using var host = await EngineTestHost.StartAsync(Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.StatusAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await Assert.ThrowsAsync<global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", null, new StartOrchestrationOptions(id)));
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
        Assert.Equal(1, await host.Client.PurgeInAnyStateAsync(id));
        Assert.Null(await host.Client.GetInstanceAsync(id));
        Assert.Equal(0, await host.Client.PurgeInAnyStateAsync(id));
    }

    [Fact]
    public async Task TerminatedInstance_ListedByStatusAndName_Restarted_PurgedByFilter()
    {
        await using var host = await EngineTestHost.StartAsync(Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", "input");
        await host.StatusAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.TerminateInstanceAsync(id, "not needed");
        var terminated = await host.CompletionAsync(id);
        var listed = await host.Client.GetAllInstancesAsync("Waiter", new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Terminated] }).ToListAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RaiseEventAsync(id, "Continue", "late"));
        var restarted = await host.Client.RestartAsync(id, restartWithNewInstanceId: false);
        await host.StatusAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.RaiseEventAsync(id, "Continue", "again");
        await host.CompletionAsync(id);
        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(DateTimeOffset.UtcNow.AddMinutes(-5), null, [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Contains(listed, m => m.InstanceId == id);
        Assert.Equal(id, restarted);
        Assert.True(purged.PurgedInstanceCount >= 1);
        Assert.Null(await host.Client.GetInstanceAsync(id));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.RaiseEventAsync(id, "Continue", "gone"));
    }

    [Fact]
    public async Task FailedActivity_Rewound_RunsAgainAndCompletes()
    {
        Flaky.Healed = false;
        await using var host = await EngineTestHost.StartAsync(Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsFlaky");
        var failed = await host.CompletionAsync(id);

        Flaky.Healed = true;
        await host.Client.RewindInstanceAsync(id, "the ERP is back");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains("the ERP did not answer", failed.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        var done = await host.StatusAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        Assert.Equal("healed", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Partitions_ShowTheWorkerAsOwner_PoisonQueue_SaysItIsCreditFlowOnly()
    {
        await using var host = await EngineTestHost.StartAsync(Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.StatusAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        var partitions = await host.Client.GetPartitionsAsync();
        var poison = await Assert.ThrowsAsync<NotSupportedException>(() => host.Client.GetPoisonMessagesAsync());

        Assert.Equal(Enumerable.Range(0, host.Options.PartitionCount), partitions.Select(p => p.Index));
        Assert.All(partitions, p => Assert.Equal(host.Options.WorkerId, p.Owner));
        Assert.Equal("AzureStorage", host.Client.EngineName());
        Assert.False(host.Client.HasPoisonQueue());
        Assert.Contains("CreditFlow-engine only", poison.Message, StringComparison.Ordinal);
    }
}
