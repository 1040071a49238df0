using CreditFlow.Durable.Client;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>
/// Messages for an instance that has not started yet are kept for its start, and a start that never
/// went out does not block its id.
/// </summary>
public sealed class NotYetStartedTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static void Register(DurableTaskRegistry r) => r.AddOrchestrator<WaitForItem>();

    [Fact]
    public async Task EventBeforeAScheduledStart_IsKeptAndAppliedWhenItStarts()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register, Options("early", maxDequeueCount: 2));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForItem), null, new StartOrchestrationOptions { StartAt = DurableTestHost.Epoch.AddDays(2) });

        await host.Client.RaiseEventAsync(id, "Item", "sent two days early");
        await host.Client.SuspendInstanceAsync(id, "hold it");
        await host.Client.ResumeInstanceAsync(id, "go on");
        await UntilQuietAsync(host); // the worker has dealt with all three: kept, not circled until poisoned

        Assert.Empty(await host.Client.GetPoisonMessagesAsync());
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        host.Clock.Advance(TimeSpan.FromDays(2));
        var done = await host.CompleteAsync(id);

        Assert.Equal("sent two days early", done.ReadOutputAs<string>());
        var history = await host.HistoryAsync(id);
        Assert.Single(history.OfType<ExecutionSuspended>());
        Assert.Single(history.OfType<ExecutionResumed>());
    }

    [Fact]
    public async Task TerminateBeforeAScheduledStart_EndsItAtOnce_AndItNeverRuns()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForItem), null, new StartOrchestrationOptions { StartAt = DurableTestHost.Epoch.AddDays(2) });

        await host.Client.TerminateInstanceAsync(id, "the customer withdrew");
        var terminated = await host.CompleteAsync(id);
        host.Clock.Advance(TimeSpan.FromDays(3));
        await UntilQuietAsync(host);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.DoesNotContain(await host.HistoryAsync(id), e => e is ExecutionStarted);
    }

    [Fact]
    public async Task StartWhoseMessageCouldNotBeSent_LeavesTheIdFree()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register);
        var queue = host.Hub.ControlQueues[host.Hub.PartitionOf("refused-start")];
        await queue.DeleteAsync();

        await Assert.ThrowsAsync<Azure.RequestFailedException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForItem), null, new StartOrchestrationOptions("refused-start")));
        await queue.CreateIfNotExistsAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForItem), null, new StartOrchestrationOptions("refused-start"));
        await host.Client.RaiseEventAsync(id, "Item", "second try");

        Assert.Equal("second try", (await host.CompleteAsync(id)).ReadOutputAs<string>());
    }

    private static DurableTaskOptions Options(string name, int maxDequeueCount = 5) => new()
    {
        HubName = UniqueName.For(name), ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2), MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        MaxDequeueCount = maxDequeueCount,
    };

    /// <summary>Waits (real time, bounded) until every control queue of the hub is empty, visible or not.</summary>
    private static async Task UntilQuietAsync(DurableTestHost host)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var counts = await Task.WhenAll(host.Hub.ControlQueues.Select(async q => (await q.GetPropertiesAsync(cts.Token)).Value.ApproximateMessagesCount));
            if (counts.Sum() == 0)
            {
                return;
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
