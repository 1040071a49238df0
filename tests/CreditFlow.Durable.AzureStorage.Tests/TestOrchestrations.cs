using Microsoft.DurableTask;

namespace CreditFlow.Durable.AzureStorage.Tests;

/// <summary>Version 1 of a process, as registered before versions were declared: greets, then waits.</summary>
[DurableTask("Changing")]
public sealed class ChangingUnversioned : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        await context.CallActivityAsync<string>("SayHello", "A");
        await context.WaitForExternalEvent<object?>("Continue");
        return "v1";
    }
}

/// <summary>Version 2 of the same process, registered beside version 1: squares first.</summary>
[DurableTask("Changing", Version = "2")]
public sealed class ChangingV2 : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        await context.CallActivityAsync<long>("Square", 2);
        await context.WaitForExternalEvent<object?>("Continue");
        return $"v2 (context says {context.Version})";
    }
}

/// <summary>Runs twice through ContinueAsNew, then says which version each round ran on.</summary>
[DurableTask("Rounds")]
public sealed class RoundsUnversioned : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int round)
    {
        if (round == 0)
        {
            await context.WaitForExternalEvent<object?>("Continue");
            context.ContinueAsNew(1);
            return string.Empty;
        }

        return $"v1 round {round}";
    }
}

/// <summary>Version 2 of <see cref="RoundsUnversioned"/>.</summary>
[DurableTask("Rounds", Version = "2")]
public sealed class RoundsV2 : TaskOrchestrator<int, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, int round) => Task.FromResult($"v2 round {round}");
}

/// <summary>Waits for "Continue" and returns what it carried.</summary>
[DurableTask("Waiter")]
public sealed class Waiter : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
        await context.WaitForExternalEvent<string>("Continue");
}

/// <summary>Starts <see cref="Waiter"/> as a sub-orchestration with a known id and returns its result.</summary>
[DurableTask("Parent")]
public sealed class Parent : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string childId) =>
        "child said " + await context.CallSubOrchestratorAsync<string>("Waiter", null, new SubOrchestrationOptions { InstanceId = childId });
}

/// <summary>Calls an activity that fails until <see cref="Flaky.Healed"/> is set.</summary>
[DurableTask("CallsFlaky")]
public sealed class CallsFlaky : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
        await context.CallActivityAsync<string>("Flaky");
}

/// <summary>Fails while the test has not healed it.</summary>
[DurableTask("Flaky")]
public sealed class Flaky : TaskActivity<object?, string>
{
    public static volatile bool Healed;

    public override Task<string> RunAsync(TaskActivityContext context, object? input) =>
        Healed ? Task.FromResult("healed") : throw new InvalidOperationException("the ERP did not answer");
}
