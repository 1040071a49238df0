using CreditFlow.Durable.Client;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>Instances in flight finish on the version they started on; new starts take the newest.</summary>
public sealed class VersioningTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task NewVersionRegisteredBeside_RunningInstanceFinishesOnItsOwn_NewStartRunsTheNewOne()
    {
        await using var v1 = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<ChangingUnversioned>());
        var old = await v1.Client.ScheduleNewOrchestrationInstanceAsync("Changing");
        await v1.WaitForHistoryAsync(old, h => h.OfType<TaskCompleted>().Any());
        await v1.DisposeAsync();

        await using var both = await v1.StartAnotherWorkerAsync(storage.Azurite, r => r.AddOrchestrator<ChangingUnversioned>().AddOrchestrator<ChangingV2Registered>());
        var fresh = await both.Client.ScheduleNewOrchestrationInstanceAsync("Changing");

        // Bounded by a lease's lapse (30 s) and more: on a loaded machine (the whole suite on 2 cores) the first worker's
        // release of its partitions may not land, and the second then takes them over only when the leases run out.
        await both.WaitForHistoryAsync(fresh, h => h.OfType<TaskCompleted>().Any(), TimeSpan.FromSeconds(90));
        await both.Client.RaiseEventAsync(old, "Continue");
        await both.Client.RaiseEventAsync(fresh, "Continue");

        Assert.Equal("v1", (await both.CompleteAsync(old)).ReadOutputAs<string>());
        var newer = await both.CompleteAsync(fresh);
        Assert.Equal("v2 (context says 2)", newer.ReadOutputAs<string>());
        Assert.Equal("2", newer.Tags[CreditFlowDurableTaskClient.VersionTag]);
        Assert.Equal("2", (await both.HistoryAsync(fresh)).OfType<ExecutionStarted>().Single().Version);
    }

    [Fact]
    public async Task VersionNoLongerRegistered_InstanceFailsNamingItsVersionAndTheRegisteredOnes()
    {
        await using var v1 = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<ChangingUnversioned>());
        var old = await v1.Client.ScheduleNewOrchestrationInstanceAsync("Changing");
        await v1.WaitForHistoryAsync(old, h => h.OfType<TaskCompleted>().Any());
        await v1.DisposeAsync();

        await using var v2Only = await v1.StartAnotherWorkerAsync(storage.Azurite, r => r.AddOrchestrator<ChangingV2Registered>());
        await v2Only.Client.RaiseEventAsync(old, "Continue");
        var done = await v2Only.CompleteAsync(old);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("started on 'Changing' unversioned", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("it has version '2'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartWithAnExplicitVersion_RunsThatVersion()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<ChangingUnversioned>().AddOrchestrator<ChangingV2Registered>());

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changing", null, new StartOrchestrationOptions { Version = TaskVersion.Unversioned });
        await host.WaitForHistoryAsync(id, h => h.OfType<TaskCompleted>().Any());
        await host.Client.RaiseEventAsync(id, "Continue");

        Assert.Equal("v1", (await host.CompleteAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task VersionedFunctionBesideAnUnversionedClass_StopsStartUp()
    {
        // The engine reads versions from classes; a function's version is invisible to it, so it would
        // replace the class: refused at start-up rather than run on the wrong code later.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DurableTestHost.StartAsync(storage.Azurite, r => r
            .AddOrchestrator<ChangingUnversioned>()
            .AddOrchestratorFunc<object?, string>("Changing", new TaskVersion("3"), (context, input) => Task.FromResult("v3"))));

        Assert.Contains("'Changing' is registered twice as unversioned", error.Message, StringComparison.Ordinal);
    }
}
