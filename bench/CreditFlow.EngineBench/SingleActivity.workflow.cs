using CreditFlow.Durable.Diagnostics;
using Microsoft.DurableTask;

namespace CreditFlow.EngineBench;

/// <summary>Calls one activity (<see cref="SayHello"/>): the smallest orchestration that does any work, for latency.</summary>
public sealed class SingleActivity : TaskOrchestrator<string?, string>
{
    /// <inheritdoc />
    public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) =>
        context.CallActivityAsync<string>(nameof(SayHello), input ?? "Bench");
}
