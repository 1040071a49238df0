using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Durable.Tests.Runtime;

public sealed class LifecycleTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestrator<RetryingCaller>().AddActivity<Flaky>().AddOrchestrator<Parent>().AddOrchestrator<Counter>()
        .AddOrchestrator<Broken>().AddOrchestrator<BigOutput>();

    private static void Services(IServiceCollection s) => s.AddSingleton<AttemptLog>();

    [Fact]
    public async Task RetryPolicy_TwoFailures_RetriesWithBackoffOnDurableTimers()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register, services: Services);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryingCaller), 2);

        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Count() == 1);
        var firstWait = (await host.HistoryAsync(id)).OfType<TimerCreated>().Single().FireAt;
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Count() == 2);
        var secondWait = (await host.HistoryAsync(id)).OfType<TimerCreated>().Last().FireAt;
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var done = await host.CompleteAsync(id);

        Assert.Equal("ok after 3", done.ReadOutputAs<string>());
        Assert.Equal(DurableTestHost.Epoch.UtcDateTime.AddMinutes(1), firstWait);
        Assert.Equal(DurableTestHost.Epoch.UtcDateTime.AddMinutes(1 + 2), secondWait); // backoff doubles
        Assert.Equal(3, host.Services.GetRequiredService<AttemptLog>().Count(id));
    }

    [Fact]
    public async Task RetryPolicy_AttemptsExhausted_FailsWithTheActivitysError()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register, services: Services);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryingCaller), 10);
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Count() == 1);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Count() == 2);
        host.Clock.Advance(TimeSpan.FromMinutes(2));

        var done = await host.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("attempt 3 failed", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(3, host.Services.GetRequiredService<AttemptLog>().Count(id));
    }

    [Fact]
    public async Task Orchestrator_Throws_FailsWithTypeMessageAndStack()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register, services: Services);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Broken));

        var done = await host.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("System.InvalidOperationException", done.FailureDetails!.ErrorType);
        Assert.Equal("the credit file is missing", done.FailureDetails.ErrorMessage);
        Assert.Contains(nameof(Broken), done.FailureDetails.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_UnregisteredOrchestrator_FailsNamingIt()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchProcess");

        var done = await host.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("'NoSuchProcess'", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuspendResume_EventWhileSuspended_IsKeptAndAppliedOnResume()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 3600);
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any());

        await host.Client.SuspendInstanceAsync(id, "audit");
        await host.WaitForHistoryAsync(id, h => h.OfType<ExecutionSuspended>().Any());
        await host.Client.RaiseEventAsync(id, "Approval", "carol");
        await host.WaitForHistoryAsync(id, h => h.OfType<EventRaised>().Any());
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "audit done");

        Assert.Equal("approved by carol", (await host.CompleteAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestration_ChildCompletes_ParentGetsItsOutput()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register, services: Services);
        var parent = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Parent), "child-of-p1", new StartOrchestrationOptions { InstanceId = "p1" });
        await host.WaitForHistoryAsync("child-of-p1", h => h.OfType<TimerCreated>().Any());

        await host.Client.RaiseEventAsync("child-of-p1", "Approval", "dave");

        Assert.Equal("approved by dave", (await host.CompleteAsync(parent)).ReadOutputAs<string>());
        Assert.Equal("p1", (await host.Client.GetInstanceAsync("child-of-p1"))!.Tags[Client.CreditFlowDurableTaskClient.ParentTag]);
    }

    [Fact]
    public async Task Terminate_Recursive_StopsParentAndChild()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register, services: Services);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Parent), "child-of-p2", new StartOrchestrationOptions { InstanceId = "p2" });
        await host.WaitForHistoryAsync("child-of-p2", h => h.OfType<TimerCreated>().Any());

        await host.Client.TerminateInstanceAsync("p2", new TerminateInstanceOptions("customer withdrew", Recursive: true));

        var parent = await host.CompleteAsync("p2");
        var child = await host.CompleteAsync("child-of-p2");
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, parent.RuntimeStatus);
        Assert.Equal("customer withdrew", parent.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, child.RuntimeStatus);
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.TerminateInstanceAsync("p2"));
    }

    [Fact]
    public async Task ContinueAsNew_CountsToThree_KeepsOnlyTheLastExecutionsHistory()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register, services: Services);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Counter), 0);

        for (var step = 1; step <= 3; step++)
        {
            await host.WaitForHistoryAsync(id, h => h.OfType<ExecutionStarted>().Single().Input == (step - 1).ToString() && h.OfType<TimerCreated>().Any());
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var done = await host.CompleteAsync(id);
        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal("3", Assert.Single((await host.HistoryAsync(id)).OfType<ExecutionStarted>()).Input);
    }

    [Fact]
    public async Task Purge_CompletedInstanceWithBigOutput_RemovesRowsAndBlobs()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register, services: Services);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(BigOutput), 100_000);
        Assert.Equal(100_000, (await host.CompleteAsync(id)).ReadOutputAs<string>()!.Length);
        Assert.NotEmpty(await BlobsOf(host, id));

        var purged = await host.Client.PurgeInstanceAsync(id);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(id));
        Assert.Empty(await BlobsOf(host, id));
        Assert.Empty(await host.HistoryAsync(id));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.GetOrchestrationHistoryAsync(id));
    }

    private static async Task<List<string>> BlobsOf(DurableTestHost host, string instanceId)
    {
        var container = new Azure.Storage.Blobs.BlobContainerClient(host.ConnectionString, $"{host.Hub.Options.HubName.ToLowerInvariant()}-payloads");
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{instanceId}/", default))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static string storage_connection(DurableTestHost host) => host.ConnectionString;
}
