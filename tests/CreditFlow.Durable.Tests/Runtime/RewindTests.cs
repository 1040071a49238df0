using CreditFlow.Durable.History;
using CreditFlow.Durable.Tests.Runtime.Orchestrations;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>A failed instance rewound runs its failed work again and carries on.</summary>
public sealed class RewindTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static void Register(DurableTaskRegistry r) => r.AddOrchestrator<CallFlakyOnce>().AddActivity<Flaky>();

    [Fact]
    public async Task Rewind_FailedActivity_RunsItAgainAndCompletes()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite, Register, services: s => s.AddSingleton<AttemptLog>());
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CallFlakyOnce));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.CompleteAsync(id)).RuntimeStatus);

        await host.Client.RewindInstanceAsync(id, "the activity's outage is over");
        await host.WaitForHistoryAsync(id, h => h.OfType<ExecutionRewound>().Any());
        var done = await host.CompleteAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("ok after 2", done.ReadOutputAs<string>());
        var history = await host.HistoryAsync(id);
        Assert.Empty(history.OfType<TaskFailed>());
        Assert.Single(history.OfType<ExecutionCompleted>());
    }

    [Fact]
    public async Task Rewind_CompletedInstance_IsRefused()
    {
        await using var host = await DurableTestHost.StartAsync(storage.Azurite);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("HelloSequence");
        await host.CompleteAsync(id);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RewindInstanceAsync(id, "why not"));
    }
}
