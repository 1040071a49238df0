using System.Collections.Concurrent;

namespace CreditFlow.Durable.Tests.Runtime.Orchestrations;

/// <summary>Waits for a long durable timer, then reports the time it woke at.</summary>
public sealed class LongSleep : TaskOrchestrator<int, DateTime>
{
    public override async Task<DateTime> RunAsync(TaskOrchestrationContext context, int days)
    {
        await context.CreateTimer(TimeSpan.FromDays(days));
        return context.CurrentUtcDateTime;
    }
}

/// <summary>Collects three "Item" events in arrival order.</summary>
public sealed class CollectThree : TaskOrchestrator<object?, string[]>
{
    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, object? input) =>
    [
        await context.WaitForExternalEvent<string>("Item"),
        await context.WaitForExternalEvent<string>("Item"),
        await context.WaitForExternalEvent<string>("Item"),
    ];
}

/// <summary>Waits for a "Go" event before asking for three items, so items arrive before it waits.</summary>
public sealed class LateListener : TaskOrchestrator<object?, string[]>
{
    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, object? input)
    {
        await context.WaitForExternalEvent<object?>("Go");
        return [await context.WaitForExternalEvent<string>("Item"), await context.WaitForExternalEvent<string>("Item")];
    }
}

/// <summary>Fails twice, then succeeds; counts attempts per idempotency key.</summary>
public sealed class Flaky(AttemptLog log) : TaskActivity<int, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, int failures)
    {
        var attempt = log.Record(context.InstanceId);
        return attempt <= failures ? throw new InvalidOperationException($"attempt {attempt} failed") : Task.FromResult($"ok after {attempt}");
    }
}

/// <summary>Calls <see cref="Flaky"/> with retries.</summary>
public sealed class RetryingCaller : TaskOrchestrator<int, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, int failures) =>
        context.CallActivityAsync<string>(nameof(Flaky), failures, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMinutes(1), backoffCoefficient: 2)));
}

/// <summary>Attempts of activities, by key; shared with the test.</summary>
public sealed class AttemptLog
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public int Record(string key) => _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int Count(string key) => _attempts.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, int> All => _attempts;
}

/// <summary>Applies a side effect once per idempotency key, however often it runs.</summary>
public sealed class RecordPayment(AttemptLog log, SideEffects effects) : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int amount)
    {
        log.Record(context.IdempotencyKey);
        effects.ApplyOnce(context.IdempotencyKey, amount);
        return Task.FromResult(amount);
    }
}

/// <summary>An external system that honours idempotency keys.</summary>
public sealed class SideEffects
{
    private readonly ConcurrentDictionary<string, int> _applied = new();

    public void ApplyOnce(string key, int amount) => _applied.TryAdd(key, amount);

    public int Total => _applied.Values.Sum();
}

/// <summary>Three payments in a row, for crash tests.</summary>
public sealed class PaymentSequence : TaskOrchestrator<object?, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var total = 0;
        for (var i = 1; i <= 3; i++)
        {
            total += await context.CallActivityAsync<int>(nameof(RecordPayment), i * 100);
        }

        return total;
    }
}

/// <summary>Starts a child that waits for an approval, and returns the child's answer.</summary>
public sealed class Parent : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string childId) =>
        context.CallSubOrchestratorAsync<string>("ApprovalWait", 86400, new SubOrchestrationOptions(childId));
}

/// <summary>Counts to a number by continuing as new, carrying the count.</summary>
public sealed class Counter : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int count)
    {
        if (count >= 3)
        {
            return count;
        }

        await context.CreateTimer(TimeSpan.FromMinutes(1));
        context.ContinueAsNew(count + 1);
        return count;
    }
}

/// <summary>Version 1 of a process: calls A.</summary>
public sealed class ChangingV1 : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        await context.CallActivityAsync<string>("SayHello", "A");
        await context.WaitForExternalEvent<object?>("Continue");
        return "v1";
    }
}

/// <summary>Version 2 of the same process, deployed while v1 instances wait: calls Square first.</summary>
public sealed class ChangingV2 : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        await context.CallActivityAsync<long>("Square", 2);
        await context.WaitForExternalEvent<object?>("Continue");
        return "v2";
    }
}

/// <summary>Throws from orchestrator code.</summary>
public sealed class Broken : TaskOrchestrator<object?, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
        throw new InvalidOperationException("the credit file is missing");
}

/// <summary>Returns a big output (beyond the table's property limit), to exercise payload blobs.</summary>
public sealed class BigOutput : TaskOrchestrator<int, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, int length) => Task.FromResult(new string('x', length));
}
