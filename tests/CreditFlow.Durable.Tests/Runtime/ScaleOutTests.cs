using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Worker;
using CreditFlow.Testing;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>Several workers on one task hub: fair shares, hand-over, and no commit after a lost lease.</summary>
public sealed class ScaleOutTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static DurableTaskOptions Options() => new()
    {
        HubName = UniqueName.For("scale"),
        PartitionLeaseDuration = TimeSpan.FromSeconds(15),
        ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2),
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
    };

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(50, cts.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Assert.False(cts.IsCancellationRequested, $"Timed out waiting until {what}.");
        }
    }

    [Fact]
    public async Task SecondWorker_JoinsAndLeaves_PartitionsRebalanceAndWorkGoesOn()
    {
        await using var first = await DurableTestHost.StartAsync(storage.Azurite, options: Options());
        Assert.Equal(4, first.Worker.OwnedPartitions().Count);

        await using var second = await first.StartAnotherWorkerAsync(storage.Azurite);
        await UntilAsync(() => first.Worker.OwnedPartitions().Count == 2 && second.Worker.OwnedPartitions().Count == 2, "each worker owns two partitions");
        Assert.Empty(first.Worker.OwnedPartitions().Intersect(second.Worker.OwnedPartitions()));

        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => first.Client.ScheduleNewOrchestrationInstanceAsync("HelloSequence")));
        foreach (var id in ids)
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await first.CompleteAsync(id)).RuntimeStatus);
        }

        await second.DisposeAsync();
        await UntilAsync(() => first.Worker.OwnedPartitions().Count == 4, "the remaining worker owns every partition");
        var owners = await first.Client.GetPartitionsAsync();
        Assert.All(owners, p => Assert.Equal(first.Worker.WorkerId, p.Owner));
    }

    [Fact]
    public async Task StalledWorker_PastItsLease_CannotCommitWhileAnotherTakesOver()
    {
        using var release = new ManualResetEventSlim();
        var stall = new StallAtFirstCommit(release);
        await using var stalled = await DurableTestHost.StartAsync(storage.Azurite, options: Options(), faults: stall);
        var id = await stalled.Client.ScheduleNewOrchestrationInstanceAsync("ApprovalWait", 3600);
        await stall.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        stalled.Worker.Freeze(); // no more lease or message renewals: the process hangs

        await using var successor = await stalled.StartAnotherWorkerAsync(storage.Azurite);
        await UntilAsync(() => successor.Worker.OwnedPartitions().Count == 4, "the successor took over every partition");
        await successor.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any(), TimeSpan.FromSeconds(60));
        release.Set(); // the stalled step wakes up past its lease and tries to commit
        await Task.Run(() => stall.Resumed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await successor.Client.RaiseEventAsync(id, "Approval", "frank");

        var done = await successor.CompleteAsync(id);
        Assert.Equal("approved by frank", done.ReadOutputAs<string>());
        var history = await successor.HistoryAsync(id);
        Assert.Single(history.OfType<ExecutionStarted>());
        Assert.Single(history.OfType<TimerCreated>());
        Assert.Single(history.OfType<ExecutionCompleted>());
        Assert.Equal(history.Count(e => e is OrchestratorStarted), history.Count(e => e is OrchestratorCompleted));
    }

    private sealed class StallAtFirstCommit(ManualResetEventSlim release) : IFaultInjector
    {
        private int _calls;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Resumed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void At(FaultPoint point, string instanceId)
        {
            if (point == FaultPoint.BeforeCommit && Interlocked.Increment(ref _calls) == 1)
            {
                Reached.TrySetResult();
                release.Wait(); // blocks this step's thread, like a long GC pause or a hung VM
                Resumed.TrySetResult();
            }
        }
    }
}
