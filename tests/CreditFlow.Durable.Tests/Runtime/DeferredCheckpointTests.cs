using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Durable.Worker;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>
/// An activity's side effect must rest on a committed decision: after a crash, what the outside world
/// saw and what the history says must agree.
/// </summary>
public sealed class DeferredCheckpointTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static void Register(DurableTaskRegistry r) => r
        .AddOrchestrator<DecideOnRead>().AddActivity<ReadFreshValue>().AddActivity<ReadStableValue>().AddActivity<RecordDecision>();

    [Fact]
    public async Task Crash_AfterSideEffect_DefaultOptions_SideEffectMatchesCommittedDecision()
    {
        var log = new SideEffectLog();
        var options = Options("defer");
        var (id, second) = await CrashBeforeTheCommitAfterTheSideEffectAsync(log, options, stableRead: false);
        await using (second)
        {
            var done = await second.CompleteAsync(id);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            var committed = (await second.HistoryAsync(id)).OfType<TaskScheduled>().Single(t => t.Name == nameof(RecordDecision)).Input;
            Assert.All(log.Of(id), effect => Assert.Equal(committed, PayloadJson(effect)));
        }
    }

    [Fact]
    public async Task Crash_AfterSideEffect_DeferralOptedIn_RedoRepeatsTimeAndGuid()
    {
        var log = new SideEffectLog();
        var options = Options("optin") with { DeferCheckpointsForLocalActivities = true };
        var (id, second) = await CrashBeforeTheCommitAfterTheSideEffectAsync(log, options, stableRead: true);
        await using (second)
        {
            var done = await second.CompleteAsync(id);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            var committed = (await second.HistoryAsync(id)).OfType<TaskScheduled>().Single(t => t.Name == nameof(RecordDecision)).Input;
            Assert.NotEmpty(log.Of(id));
            Assert.All(log.Of(id), effect => Assert.Equal(committed, PayloadJson(effect)));
        }
    }

    [Fact]
    public void Defaults_DeferCheckpoints_IsOff() => Assert.False(new DurableTaskOptions().DeferCheckpointsForLocalActivities);

    /// <summary>
    /// Runs the decision until its side effect happened, crashes before the next commit, moves the clock
    /// (time passes while a process restarts) and lets a new worker finish.
    /// </summary>
    private async Task<(string Id, DurableTestHost Second)> CrashBeforeTheCommitAfterTheSideEffectAsync(SideEffectLog log, DurableTaskOptions options, bool stableRead)
    {
        void Services(IServiceCollection s) => s.AddSingleton(log);
        var first = await DurableTestHost.StartAsync(storage.Azurite, Register, options, new CrashAfterSideEffect(log), services: Services);
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(DecideOnRead), stableRead);
        await first.Worker.Crashed.WaitAsync(TimeSpan.FromSeconds(30));
        await first.DisposeAsync();

        first.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await first.StartAnotherWorkerAsync(storage.Azurite, Register, Services);
        return (id, second);
    }

    private static DurableTaskOptions Options(string name) => new()
    {
        HubName = UniqueName.For(name), ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2), MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
    };

    private static string PayloadJson(string value) => Durable.Execution.PayloadConverter.ToJson(value)!;

    /// <summary>Crashes at the first commit attempted after the side effect ran.</summary>
    private sealed class CrashAfterSideEffect(SideEffectLog log) : IFaultInjector
    {
        private int _crashed;

        public void At(FaultPoint point, string instanceId)
        {
            if (point == FaultPoint.BeforeCommit && log.Count > 0 && Interlocked.Exchange(ref _crashed, 1) == 0)
            {
                throw new SimulatedCrashException(point, instanceId);
            }
        }
    }
}
