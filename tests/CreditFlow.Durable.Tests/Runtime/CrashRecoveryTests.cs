using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Durable.Worker;
using CreditFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>
/// A worker dies at each step of a checkpoint and at activity completion; a new worker on the same
/// hub finishes the work with exactly one completion per task, and keyed side effects applied once.
/// </summary>
public sealed class CrashRecoveryTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static void Register(DurableTaskRegistry r) => r.AddOrchestrator<PaymentSequence>().AddActivity<RecordPayment>();

    public static TheoryData<FaultPoint, int, bool> Points()
    {
        var data = new TheoryData<FaultPoint, int, bool>();
        foreach (var point in Enum.GetValues<FaultPoint>())
        {
            // Checkpointing every step: every point recurs per step, except the one settle when the
            // instance goes quiet.
            data.Add(point, 1, false);
            if (point != FaultPoint.BeforeDelete)
            {
                data.Add(point, 2, false);
            }

            // Deferred checkpoints (the default): one commit at the end, activities in between.
            data.Add(point, 1, true);
        }

        data.Add(FaultPoint.ActivityCompleted, 3, true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public async Task Worker_CrashesAtPoint_NewWorkerFinishesExactlyOnce(FaultPoint point, int occurrence, bool deferCheckpoints)
    {
        var log = new AttemptLog();
        var effects = new SideEffects();
        void Services(IServiceCollection s) => s.AddSingleton(log).AddSingleton(effects);
        var faults = new CrashAt(point, occurrence);
        var options = new DurableTaskOptions
        {
            HubName = UniqueName.For("crash"),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2),
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            DeferCheckpointsForLocalActivities = deferCheckpoints,
        };
        await using var first = await DurableTestHost.StartAsync(storage.Azurite, Register, options, faults, services: Services);
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(PaymentSequence));
        await first.Worker.Crashed.WaitAsync(TimeSpan.FromSeconds(30));
        await first.DisposeAsync();

        await using var second = await first.StartAnotherWorkerAsync(storage.Azurite, Register, Services);
        var done = await second.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(600, done.ReadOutputAs<int>());
        var history = await second.HistoryAsync(id);
        Assert.Equal([0, 1, 2], history.OfType<TaskScheduled>().Select(s => s.EventId));
        Assert.Equal([0, 1, 2], history.OfType<TaskCompleted>().Select(c => c.TaskScheduledId).Order());
        Assert.Single(history.OfType<ExecutionStarted>());
        Assert.Single(history.OfType<ExecutionCompleted>());
        Assert.Equal(600, effects.Total);
        await IndexShowsCompletedAsync(second, id);
    }

    /// <summary>The instance list catches up with the authoritative status after recovery.</summary>
    private static async Task IndexShowsCompletedAsync(DurableTestHost host, string id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await host.ListAsync(new OrchestrationQuery { InstanceIdPrefix = id })).Single().RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            await Task.Delay(20, cts.Token);
        }
    }

    private sealed class CrashAt(FaultPoint point, int occurrence) : IFaultInjector
    {
        private int _seen;

        public void At(FaultPoint at, string instanceId)
        {
            if (at == point && Interlocked.Increment(ref _seen) == occurrence)
            {
                throw new SimulatedCrashException(at, instanceId);
            }
        }
    }
}
