using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Durable.Worker;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>Events around a ContinueAsNew are neither lost nor applied twice, even across a crash.</summary>
public sealed class ContinueAsNewTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static void Register(DurableTaskRegistry r) => r.AddOrchestrator<CarryOver>();

    [Fact]
    public async Task EventsAtTheBoundary_CrashBetweenCommitAndDispatch_EachAppliedOnce()
    {
        // The first execution buffers "early-1"; the worker dies right after committing its ContinueAsNew;
        // "late-2" arrives while nobody runs. The next execution must see both, once each.
        var first = await DurableTestHost.StartAsync(storage.Azurite, Register, Options("canwindow"), new CrashAfterCommitOfContinueAsNew());
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CarryOver), new CarryOverInput(1, Preserve: true, Expected: 2));
        await first.Client.WaitForInstanceStartAsync(id);
        await first.Client.RaiseEventAsync(id, "Early", "early-1");
        await first.WaitForHistoryAsync(id, h => h.OfType<EventRaised>().Any());
        await first.Client.RaiseEventAsync(id, "Go");
        await first.Worker.Crashed.WaitAsync(TimeSpan.FromSeconds(30));
        await first.DisposeAsync();
        await first.Client.RaiseEventAsync(id, "Early", "late-2");

        await using var second = await first.StartAnotherWorkerAsync(storage.Azurite);
        var done = await second.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["early-1", "late-2"], done.ReadOutputAs<string[]>()!);
        Assert.Equal(2, (await second.HistoryAsync(id)).OfType<EventRaised>().Count(e => e.Name == "Early"));
    }

    [Fact]
    public async Task PreserveUnprocessedEventsFalse_DropsTheBufferedOnes_KeepsLaterOnes()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CarryOver), new CarryOverInput(1, Preserve: false, Expected: 1));
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.RaiseEventAsync(id, "Early", "buffered");
        await host.WaitForHistoryAsync(id, h => h.OfType<EventRaised>().Any());
        await host.Client.RaiseEventAsync(id, "Go");
        await host.WaitForHistoryAsync(id, h => h.OfType<ExecutionStarted>().Single().Input!.Contains("\"round\":2", StringComparison.Ordinal));

        await host.Client.RaiseEventAsync(id, "Early", "after");
        var done = await host.CompleteAsync(id);

        Assert.Equal(["after"], done.ReadOutputAs<string[]>()!);
    }

    private static DurableTaskOptions Options(string name) => new()
    {
        HubName = UniqueName.For(name), ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2), MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>Crashes after the third commit (start, buffered event, ContinueAsNew), before its outbox goes out.</summary>
    private sealed class CrashAfterCommitOfContinueAsNew : IFaultInjector
    {
        private int _commits;

        public void At(FaultPoint point, string instanceId)
        {
            if (point == FaultPoint.AfterCommit && Interlocked.Increment(ref _commits) == 3)
            {
                throw new SimulatedCrashException(point, instanceId);
            }
        }
    }
}
