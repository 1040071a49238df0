using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>A process that lost an instance can never put an older status over a newer one.</summary>
public sealed class FencingTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task IndexUpdate_FromAStaleOwner_KeepsTheNewerStatus()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<WaitForItem>());
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForItem));
        await host.Client.WaitForInstanceStartAsync(id);
        await UntilIndexSaysAsync(host, id, OrchestrationRuntimeStatus.Running);
        var stale = await host.Hub.Store.LoadAsync(id, CancellationToken.None); // what a process that then stalled held

        await host.Client.RaiseEventAsync(id, "Item", "done");
        await host.CompleteAsync(id);
        await UntilIndexSaysAsync(host, id, OrchestrationRuntimeStatus.Completed);
        await host.Hub.Store.UpdateIndexAsync(stale, CancellationToken.None); // the stalled process wakes up and writes

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.ListAsync(new OrchestrationQuery { InstanceIdPrefix = id })).Single().RuntimeStatus);
    }

    [Fact]
    public async Task Commit_AfterTheLeaseRanOut_IsRefused()
    {
        var worker = new TaskCompletionSource<Worker.CreditFlowDurableTaskWorker>();
        var stall = new StallAfterFirstActivity(worker.Task);
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, options: new DurableTaskOptions
        {
            HubName = UniqueName.For("fence"), ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2), DeferCheckpointsForLocalActivities = true,
        }, faults: stall);
        worker.SetResult(host.Worker);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("HelloSequence");
        await stall.Stalled.WaitAsync(TimeSpan.FromSeconds(30));

        var checkpointBefore = (await host.Hub.Store.ReadStatusAsync(id, CancellationToken.None))!.Checkpoint;
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.WaitForInstanceCompletionAsync(id, cancellation: wait.Token));

        Assert.Equal(checkpointBefore, (await host.Hub.Store.ReadStatusAsync(id, CancellationToken.None))!.Checkpoint);
    }

    private static async Task UntilIndexSaysAsync(DurableTestHost host, string id, OrchestrationRuntimeStatus status)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await host.ListAsync(new OrchestrationQuery { InstanceIdPrefix = id })).SingleOrDefault()?.RuntimeStatus != status)
        {
            await Task.Delay(20, cts.Token);
        }
    }

    /// <summary>After the first activity returns, the process hangs: no renewals, and its leases look run out.</summary>
    private sealed class StallAfterFirstActivity(Task<Worker.CreditFlowDurableTaskWorker> worker) : Worker.IFaultInjector
    {
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Stalled => _stalled.Task;

        public void At(Worker.FaultPoint point, string instanceId)
        {
            if (point == Worker.FaultPoint.ActivityCompleted && !_stalled.Task.IsCompleted)
            {
                worker.Result.Freeze();
                worker.Result.ExpireLeases();
                _stalled.TrySetResult();
            }
        }
    }
}
