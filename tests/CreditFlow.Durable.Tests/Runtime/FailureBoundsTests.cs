using CreditFlow.Durable.Client;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Durable.Worker;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>Failures stay bounded: a failing timer backs off and is parked, and no failure is too large to store.</summary>
public sealed class FailureBoundsTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task TimerDrivenStep_KeepsFailing_BacksOffThenIsParkedInThePoisonQueue()
    {
        var failing = new FailStepsAfterTheFirst();
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<SleepThenGreet>(), new DurableTaskOptions
        {
            HubName = UniqueName.For("timerpoison"), MaxDequeueCount = 3, ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2), MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        }, failing);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SleepThenGreet));
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any());

        host.Clock.Advance(TimeSpan.FromDays(1));
        var afterFirst = await UntilTimerRowAsync(host, attempts: 1);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime.AddSeconds(5), afterFirst.GetDateTime("RetryAt")); // backs off in business time
        Assert.Equal(1, failing.Failures);

        host.Clock.Advance(TimeSpan.FromSeconds(5));
        var afterSecond = await UntilTimerRowAsync(host, attempts: 2);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime.AddSeconds(10), afterSecond.GetDateTime("RetryAt")); // and doubles
        host.Clock.Advance(TimeSpan.FromSeconds(10));

        var poison = await UntilPoisonedAsync(host);
        Assert.Contains("Failed 3 times", poison.Reason, StringComparison.Ordinal);
        Assert.Contains("the table is unavailable", poison.Reason, StringComparison.Ordinal);
        Assert.Empty(host.Hub.Timers.Query<Azure.Data.Tables.TableEntity>());
        Assert.Equal(3, failing.Failures);
    }

    [Fact]
    public async Task Orchestrator_FailsWithAHugeMessage_FailsWithBoundedDetails()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, r => r.AddOrchestrator<HugeFailure>());
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HugeFailure), 300_000);

        var done = await host.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.InRange(done.FailureDetails!.ErrorMessage.Length, 4_000, 4_100);
        Assert.EndsWith("(296000 more characters cut)", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.InRange(done.FailureDetails.InnerFailure!.ErrorMessage.Length, 4_000, 4_100);
    }

    private static async Task<Azure.Data.Tables.TableEntity> UntilTimerRowAsync(DurableTestHost host, int attempts) =>
        (await host.WaitForTimersAsync(rows => rows is [var row] && row.GetInt32("Attempts") == attempts)).Single();

    private static async Task<PoisonMessage> UntilPoisonedAsync(DurableTestHost host)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if ((await host.Client.GetPoisonMessagesAsync(cts.Token)) is [var (_, message)])
            {
                return message;
            }

            await Task.Delay(50, cts.Token);
        }
    }

    /// <summary>Lets the start commit, then fails every later commit as storage trouble would.</summary>
    private sealed class FailStepsAfterTheFirst : IFaultInjector
    {
        private int _commits;
        private int _failures;

        public int Failures => Volatile.Read(ref _failures);

        public void At(FaultPoint point, string instanceId)
        {
            if (point == FaultPoint.BeforeCommit && Interlocked.Increment(ref _commits) > 1)
            {
                Interlocked.Increment(ref _failures);
                throw new InvalidOperationException("the table is unavailable");
            }
        }

    }
}
