using System.Security.Cryptography;
using System.Text;
using CreditFlow.Durable.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreditFlow.Durable.Execution;

/// <summary>
/// The context an orchestrator runs against during one replay: it turns calls into actions,
/// matches them with the history, and completes awaited tasks from history events.
/// </summary>
internal sealed partial class ReplayOrchestrationContext(
    string instanceId, string name, string executionId, ParentOrchestrationInstance? parent, ILoggerFactory? loggerFactory)
    : TaskOrchestrationContext
{
    private readonly Dictionary<int, OrchestratorAction> _unmatchedActions = [];
    private readonly Dictionary<int, IOpenTask> _openTasks = [];
    private readonly Dictionary<string, Queue<EventRaised>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<EventWaiter>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private int _nextTaskId;
    private int _guidCounter;

    public override string InstanceId => instanceId;

    public override string Name => name;

    public override ParentOrchestrationInstance? Parent => parent;

    public string ExecutionId => executionId;

    public override DateTime CurrentUtcDateTime => CurrentTime;

    public override bool IsReplaying => Replaying;

    internal DateTime CurrentTime { get; set; }

    internal bool Replaying { get; set; }

    internal string? CustomStatus { get; private set; }

    internal ContinuedAsNewOutcome? ContinueAsNewRequest { get; private set; }

    private bool _preserveUnprocessedEvents;

    /// <summary>Actions the code created that no history event has confirmed yet: the step's new work.</summary>
    internal IReadOnlyList<OrchestratorAction> UnmatchedActions => [.. _unmatchedActions.Values.OrderBy(a => a.Id)];

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var serialized = JsonDataConverter.Serialize(input);
        return WithRetry(options?.Retry, () =>
        {
            var id = _nextTaskId++;
            return Open<TResult>(new ScheduleTaskAction(id, name, serialized), name);
        });
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var serialized = JsonDataConverter.Serialize(input);
        var explicitId = (options as SubOrchestrationOptions)?.InstanceId;
        return WithRetry(options?.Retry, () =>
        {
            var id = _nextTaskId++;
            var childId = explicitId ?? $"{InstanceId}:{id:D4}";
            return Open<TResult>(new CreateSubOrchestrationAction(id, name, childId, serialized), name);
        });
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken = default)
    {
        var id = _nextTaskId++;
        var timer = new OpenTask<object?>(id, "timer");
        Record(new CreateTimerAction(id, fireAt.ToUniversalTime()), timer);
        if (cancellationToken.CanBeCanceled)
        {
            // Runs synchronously in the orchestrator's own Cancel() call, so it is deterministic.
            cancellationToken.Register(() => timer.Source.TrySetCanceled(cancellationToken));
        }

        return timer.Source.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.TryDequeue(out var early))
        {
            return Task.FromResult((T)JsonDataConverter.Deserialize(early.Input, typeof(T))!);
        }

        var waiter = new EventWaiter(typeof(T));
        if (!_eventWaiters.TryGetValue(eventName, out var waiters))
        {
            _eventWaiters[eventName] = waiters = new LinkedList<EventWaiter>();
        }

        var node = waiters.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    waiters.Remove(node);
                }

                waiter.Source.TrySetCanceled(cancellationToken);
            });
        }

        return Cast<T>(waiter.Source.Task);
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = CreateTimer(CurrentUtcDateTime + timeout, stop.Token);
        var received = WaitForExternalEvent<T>(eventName, stop.Token);
        var first = await Task.WhenAny(received, timer);
        // Cancel synchronously: the callbacks must run on the replay thread, in order.
#pragma warning disable CA1849
        stop.Cancel();
#pragma warning restore CA1849
        if (first == received)
        {
            return await received;
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new TaskCanceledException($"No '{eventName}' event arrived within {timeout}.");
    }

    public override void SendEvent(string instanceId, string eventName, object? payload = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var id = _nextTaskId++;
        Record(new SendEventAction(id, instanceId, eventName, JsonDataConverter.Serialize(payload)), null);
    }

    public override void SetCustomStatus(object? customStatus) => CustomStatus = JsonDataConverter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinueAsNewRequest = new ContinuedAsNewOutcome(JsonDataConverter.Serialize(newInput), []);
        _preserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override Guid NewGuid()
    {
        // A name-based (version 5 style) GUID: same instance, time and counter give the same value on replay.
        var name = Encoding.UTF8.GetBytes($"{InstanceId}_{CurrentUtcDateTime:o}_{_guidCounter++}");
        var hash = SHA1.HashData(name);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(categoryName));

    /// <summary>The events raised but never awaited, to carry into a new execution.</summary>
    internal IReadOnlyList<EventRaised> UnconsumedEvents() =>
        _preserveUnprocessedEvents ? [.. _bufferedEvents.Values.SelectMany(q => q)] : [];

    private Task<TResult> Open<TResult>(OrchestratorAction action, string taskName)
    {
        var task = new OpenTask<TResult>(action.Id, taskName);
        Record(action, task);
        return task.Source.Task;
    }

    private void Record(OrchestratorAction action, IOpenTask? task)
    {
        _unmatchedActions[action.Id] = action;
        if (task is not null)
        {
            _openTasks[action.Id] = task;
        }
    }

    private async Task<TResult> WithRetry<TResult>(RetryPolicy? policy, Func<Task<TResult>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        var firstAttemptAt = CurrentUtcDateTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure)
            {
                var delay = policy.DelayBefore(number + 1);
                var pastTimeout = policy.RetryTimeout is { } timeout && CurrentUtcDateTime + delay - firstAttemptAt > timeout;
                if (number >= policy.MaxNumberOfAttempts || pastTimeout || !policy.Handle(failure))
                {
                    throw;
                }

                await CreateTimer(CurrentUtcDateTime + delay);
            }
        }
    }

    private static async Task<T> Cast<T>(Task<object?> task) => (T)(await task)!;
}
