using CreditFlow.Durable.Diagnostics;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.AzureStorage.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task HelloSequence_Completes()
    {
        await using var host = await EngineTestHost.StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "x");
        var done = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<string[]>()!.Length);
        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        Assert.Equal(3, history.Count(e => e is DurableTask.Core.History.TaskScheduledEvent));
    }
}
