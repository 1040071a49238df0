using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.History;
using CreditFlow.Testing;

namespace CreditFlow.Durable.Tests.Runtime;

public sealed class BasicOrchestrationTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task HelloSequence_Runs_CompletesWithThreeGreetingsInOrder()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("HelloSequence");
        var done = await host.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], done.ReadOutputAs<string[]>()!);
        var history = await host.HistoryAsync(id);
        Assert.Equal(3, history.OfType<TaskScheduled>().Count());
        Assert.Equal(3, history.OfType<TaskCompleted>().Count());
        Assert.IsType<ExecutionStarted>(history[1]);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, Assert.Single(history.OfType<ExecutionCompleted>()).Status);
    }

    [Fact]
    public async Task FanOutFanIn_FiftyActivities_SumsAllResults()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOutFanIn", 50);
        var done = await host.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 50).Sum(i => (long)i * i), done.ReadOutputAs<long>());
        var history = await host.HistoryAsync(id);
        Assert.Equal(50, history.OfType<TaskCompleted>().Select(c => c.TaskScheduledId).Distinct().Count());
    }

    [Fact]
    public async Task GetInstance_UnknownId_ReturnsNull()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);

        Assert.Null(await host.Client.GetInstanceAsync("no-such-instance"));
    }

    [Fact]
    public async Task Schedule_RunningIdAgain_AnswersConflict()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 3600, new StartOrchestrationOptions { InstanceId = "approval-1" });
        await host.Client.WaitForInstanceStartAsync(id);

        var conflict = await Assert.ThrowsAsync<DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 3600, new StartOrchestrationOptions { InstanceId = "approval-1" }));

        Assert.Contains("'approval-1' already exists and is Running", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_CompletedIdAgain_ReplacesWithNewExecution()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var options = new StartOrchestrationOptions { InstanceId = "again" };
        await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOutFanIn", 2, options);
        Assert.Equal(5, (await host.CompleteAsync("again")).ReadOutputAs<long>());

        await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOutFanIn", 3, options);
        var second = await host.CompleteAsync("again");

        Assert.Equal(14, second.ReadOutputAs<long>());
        Assert.Single((await host.HistoryAsync("again")).OfType<ExecutionStarted>());
    }
}
