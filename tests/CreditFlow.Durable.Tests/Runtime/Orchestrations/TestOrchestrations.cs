using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;

namespace CreditFlow.Durable.Tests.Runtime.Orchestrations;

/// <summary>Waits for a long durable timer, then reports the time it woke at.</summary>
public sealed class LongSleep : TaskOrchestrator<int, DateTime>
{
    public override async Task<DateTime> RunAsync(TaskOrchestrationContext context, int days)
    {
        await context.CreateTimer(TimeSpan.FromDays(days), CancellationToken.None);
        return context.CurrentUtcDateTime;
    }
}

/// <summary>Waits for a durable timer of some seconds, then reports the time it woke at.</summary>
public sealed class SleepSeconds : TaskOrchestrator<int, DateTime>
{
    public override async Task<DateTime> RunAsync(TaskOrchestrationContext context, int seconds)
    {
        await context.CreateTimer(TimeSpan.FromSeconds(seconds), CancellationToken.None);
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
        log.Record(context.GetIdempotencyKey());
        effects.ApplyOnce(context.GetIdempotencyKey(), amount);
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
        context.CallSubOrchestratorAsync<string>("ApprovalWait", 86400, new SubOrchestrationOptions { InstanceId = childId });
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

        await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
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

/// <summary>Makes a GUID, has an activity echo it, and makes it again after the replay.</summary>
public sealed class GuidAcrossReplay : TaskOrchestrator<object?, bool>
{
    public override async Task<bool> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var before = context.NewGuid();
        context.CreateReplaySafeLogger<GuidAcrossReplay>().LogInformation("made {Guid}", before);
        var echoed = await context.CallActivityAsync<Guid>(nameof(EchoGuid), before);
        await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
        return echoed == before && context.NewGuid() != before;
    }
}

/// <summary>Returns its input.</summary>
public sealed class EchoGuid : TaskActivity<Guid, Guid>
{
    public override Task<Guid> RunAsync(TaskActivityContext context, Guid input) => Task.FromResult(input);
}

/// <summary>Raises "Approval" to the instance named in its input.</summary>
public sealed class Notifier : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string target)
    {
        context.SendEvent(target, "Approval", "notifier");
        return Task.FromResult("sent");
    }
}

/// <summary>Returns its (large) input.</summary>
public sealed class Echo : TaskOrchestrator<string, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(input.Length);
}

/// <summary>Runs N gated activities in parallel.</summary>
public sealed class GatedFanOut : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int count) =>
        (await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>(nameof(Gated), i)))).Length;
}

/// <summary>Blocks on a gate the test opens, recording how many ran at once.</summary>
public sealed class Gated(Gate gate) : TaskActivity<int, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, int input)
    {
        gate.Enter();
        await gate.Opened;
        gate.Leave();
        return input;
    }
}

/// <summary>Counts concurrent activities and holds them until opened.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _max;
    private int _entered;

    public Task Opened => _open.Task;

    public int MaxConcurrent => Volatile.Read(ref _max);

    public int Entered => Volatile.Read(ref _entered);

    public void Enter()
    {
        Interlocked.Increment(ref _entered);
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }
    }

    public void Leave() => Interlocked.Decrement(ref _running);

    public void Open() => _open.TrySetResult();
}

/// <summary>Cannot be constructed (its configuration is missing): every attempt to run it fails before its code runs.</summary>
public sealed class NeedsMissingService : TaskOrchestrator<object?, string>
{
    public NeedsMissingService() => throw new InvalidOperationException($"{nameof(Gate)} is not configured.");

    public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) => Task.FromResult(nameof(NeedsMissingService));
}

/// <summary>Consumes one "Tick" per execution and continues as new until it has seen three.</summary>
public sealed class TickCounter : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int seen)
    {
        if (seen == 3)
        {
            return seen;
        }

        await context.WaitForExternalEvent<object?>("Tick");
        context.ContinueAsNew(seen + 1);
        return seen;
    }
}

/// <summary>Returns a value that differs on every run: what a real activity reading the world does.</summary>
public sealed class ReadFreshValue : TaskActivity<object?, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, object? input) => Task.FromResult(Guid.NewGuid().ToString("N"));
}

/// <summary>Returns its input, always: an activity a redo repeats exactly.</summary>
public sealed class ReadStableValue : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"stable-{input}");
}

/// <summary>A side effect in the outside world: records every input it ran with (a mail sent, a row written).</summary>
public sealed class RecordDecision(SideEffectLog log) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        log.Add(context.InstanceId, input);
        return Task.FromResult(input);
    }
}

/// <summary>What <see cref="RecordDecision"/> did, per instance.</summary>
public sealed class SideEffectLog
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _effects = new();

    public int Count => _effects.Values.Sum(q => q.Count);

    public void Add(string instanceId, string input) => _effects.GetOrAdd(instanceId, _ => new()).Enqueue(input);

    public IReadOnlyList<string> Of(string instanceId) => [.. _effects.GetOrAdd(instanceId, _ => new())];
}

/// <summary>Reads a value, then records a decision built from it, a new GUID and the step's time.</summary>
public sealed class DecideOnRead : TaskOrchestrator<bool, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, bool stableRead)
    {
        var read = stableRead
            ? await context.CallActivityAsync<string>(nameof(ReadStableValue), "x")
            : await context.CallActivityAsync<string>(nameof(ReadFreshValue));
        return await context.CallActivityAsync<string>(nameof(RecordDecision), $"{read}|{context.NewGuid():N}|{context.CurrentUtcDateTime:O}");
    }
}

/// <summary>Awaits a plain Task.Delay: something no durable event can ever complete.</summary>
public sealed class AwaitsTaskDelay : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
#pragma warning disable DURABLE0001, DURABLE0002, DURABLE0003, DURABLE0004, DURABLE0005 // the mistake under test
        await Task.Delay(50);
#pragma warning restore DURABLE0001, DURABLE0002, DURABLE0003, DURABLE0004, DURABLE0005
        return "never";
    }
}

/// <summary>Buffers "Early" events it never awaits, waits for "Go", and continues as new once, keeping (or dropping) the unawaited ones.</summary>
public sealed class CarryOver : TaskOrchestrator<CarryOverInput, string[]>
{
    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, CarryOverInput input)
    {
        if (input.Round == 1)
        {
            await context.WaitForExternalEvent<object?>("Go");
            context.ContinueAsNew(input with { Round = 2 }, preserveUnprocessedEvents: input.Preserve);
            return [];
        }

        var seen = new List<string>();
        for (var i = 0; i < input.Expected; i++)
        {
            seen.Add(await context.WaitForExternalEvent<string>("Early"));
        }

        return [.. seen];
    }
}

/// <summary>Input of <see cref="CarryOver"/>.</summary>
public sealed record CarryOverInput(int Round, bool Preserve, int Expected);

/// <summary>Waits for one "Item" event and returns it.</summary>
public sealed class WaitForItem : TaskOrchestrator<object?, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) => context.WaitForExternalEvent<string>("Item");
}

/// <summary>Sleeps a day on a durable timer, then greets.</summary>
public sealed class SleepThenGreet : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        await context.CreateTimer(TimeSpan.FromDays(1), CancellationToken.None);
        return await context.CallActivityAsync<string>("SayHello", "after sleep");
    }
}

/// <summary>Fails with a message far beyond any table property.</summary>
public sealed class HugeFailure : TaskOrchestrator<int, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, int length) =>
        throw new InvalidOperationException(new string('m', length), new ArgumentException(new string('i', length)));
}

/// <summary>Sets a large custom status in three steps, then returns a large output.</summary>
public sealed class GrowingStatus : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int length)
    {
        for (var i = 0; i < 3; i++)
        {
            context.SetCustomStatus(new string((char)('a' + i), length));
            await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        return new string('z', length);
    }
}

/// <summary>Carries a large input through two ContinueAsNew rounds.</summary>
public sealed class BigRounds : TaskOrchestrator<BigRoundsInput, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, BigRoundsInput input)
    {
        await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
        if (input.Round < 3)
        {
            context.ContinueAsNew(input with { Round = input.Round + 1, Payload = new string((char)('a' + input.Round), input.Payload.Length) });
        }

        return input.Round;
    }
}

/// <summary>Input of <see cref="BigRounds"/>.</summary>
public sealed record BigRoundsInput(int Round, string Payload);

/// <summary>Calls <see cref="Flaky"/> once, without retries: fails the first time it runs.</summary>
public sealed class CallFlakyOnce : TaskOrchestrator<object?, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, object? input) => context.CallActivityAsync<string>(nameof(Flaky), 1);
}

/// <summary>Version 2 of <see cref="ChangingV1"/>'s process, registered beside it under the same name.</summary>
[DurableTask("Changing", Version = "2")]
public sealed class ChangingV2Registered : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        await context.CallActivityAsync<long>("Square", 2);
        await context.WaitForExternalEvent<object?>("Continue");
        return $"v2 (context says {context.Version})";
    }
}

/// <summary>Version 1 of the process, as it was registered before versions were declared.</summary>
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
