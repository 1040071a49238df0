using Microsoft.DurableTask;

namespace CreditFlow.Durable.Diagnostics;

/// <summary>
/// Orchestrations every worker registers, for smoke tests, benchmarks and the management API:
/// <c>HelloSequence</c> (three activities in a row), <c>FanOutFanIn</c> (N parallel activities,
/// summed) and <c>ApprovalWait</c> (an event with a timeout).
/// </summary>
public static class DiagnosticOrchestrations
{
    /// <summary>Adds the diagnostics orchestrations and their activities.</summary>
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<HelloSequence>()
        .AddOrchestrator<FanOutFanIn>()
        .AddOrchestrator<ApprovalWait>()
        .AddActivity<SayHello>()
        .AddActivity<Square>();
}

/// <summary>Greets three cities, one after another.</summary>
public sealed class HelloSequence : TaskOrchestrator<string?, IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override async Task<IReadOnlyList<string>> RunAsync(TaskOrchestrationContext context, string? input) =>
    [
        await context.CallActivityAsync<string>(nameof(SayHello), "Tokyo"),
        await context.CallActivityAsync<string>(nameof(SayHello), "Seattle"),
        await context.CallActivityAsync<string>(nameof(SayHello), "London"),
    ];
}

/// <summary>Squares 1..N in parallel and sums the squares.</summary>
public sealed class FanOutFanIn : TaskOrchestrator<int, long>
{
    /// <inheritdoc />
    public override async Task<long> RunAsync(TaskOrchestrationContext context, int input)
    {
        var squares = await Task.WhenAll(Enumerable.Range(1, input).Select(i => context.CallActivityAsync<long>(nameof(Square), i)));
        return squares.Sum();
    }
}

/// <summary>Waits for an <c>Approval</c> event, up to the given number of seconds of durable time.</summary>
public sealed class ApprovalWait : TaskOrchestrator<int, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        try
        {
            var approver = await context.WaitForExternalEvent<string>("Approval", TimeSpan.FromSeconds(input));
            return $"approved by {approver}";
        }
        catch (TaskCanceledException)
        {
            return "timed out";
        }
    }
}

/// <summary>Returns a greeting.</summary>
public sealed class SayHello : TaskActivity<string, string>
{
    /// <inheritdoc />
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello {input}!");
}

/// <summary>Returns the square of its input.</summary>
public sealed class Square : TaskActivity<int, long>
{
    /// <inheritdoc />
    public override Task<long> RunAsync(TaskActivityContext context, int input) => Task.FromResult((long)input * input);
}
