using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.Worker;
using CreditFlow.Testing;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>A purge that lands between an instance's completion and its index update stays purged.</summary>
public sealed class PurgeRaceTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Purge_BeforeTheLateIndexUpdate_IsNotUndone()
    {
        using var release = new ManualResetEventSlim();
        var hold = new HoldSettle(release);
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, faults: hold);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("HelloSequence");
        await host.CompleteAsync(id);
        await hold.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
        release.Set();
        await hold.Resumed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var queue = host.Hub.ControlQueues[host.Hub.PartitionOf(id)];
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            // The settle is over once it has deleted the start message.
            while ((await queue.GetPropertiesAsync(cts.Token)).Value.ApproximateMessagesCount > 0)
            {
                await Task.Delay(20, cts.Token);
            }
        }

        Assert.Null(await host.Client.GetInstanceAsync(id));
        Assert.Empty(await host.ListAsync(new OrchestrationQuery { InstanceIdPrefix = id }));
    }

    private sealed class HoldSettle(ManualResetEventSlim release) : IFaultInjector
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Resumed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void At(FaultPoint point, string instanceId)
        {
            if (point == FaultPoint.BeforeDelete && Reached.TrySetResult())
            {
                release.Wait();
                Resumed.TrySetResult();
            }
        }
    }
}
