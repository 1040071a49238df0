using System.Security.Cryptography;
using System.Text;
using CreditFlow.Durable.History;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreditFlow.Durable.Execution;

/// <summary>
/// The SDK's <see cref="TaskOrchestrationContext"/> as the engine implements it for one replay: it
/// turns calls into actions, matches them with the history, and completes awaited tasks from history
/// events. It lives for one step on one thread.
/// </summary>
internal sealed partial class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private readonly Dictionary<int, OrchestratorAction> _unmatchedActions = [];
    private readonly Dictionary<int, IOpenTask> _openTasks = [];
    private readonly Dictionary<string, Queue<EventRaised>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<EventWaiter>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly ExecutionStarted _started;
    private readonly object? _input;
    private readonly ILoggerFactory _loggerFactory;
    private readonly int _replayThread = Environment.CurrentManagedThreadId;
    private int _nextTaskId;
    private int _guidCounter;
    private bool _preserveUnprocessedEvents;

    public ReplayOrchestrationContext(string instanceId, ExecutionStarted started, object? input, ILoggerFactory? loggerFactory)
    {
        InstanceId = instanceId;
        _started = started;
        _input = input;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Name = new TaskName(started.Name);
        Parent = started.Parent?.ToSdk();
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }

    public override ParentOrchestrationInstance? Parent { get; }

    public override DateTime CurrentUtcDateTime => CurrentTime;

    public override bool IsReplaying => Replaying;

    /// <summary>The orchestrator version this execution runs on; empty when unversioned.</summary>
    public override string Version => _started.Version ?? string.Empty;

    public string ExecutionId => _started.ExecutionId;

    protected override ILoggerFactory LoggerFactory => _loggerFactory;

    internal DateTime CurrentTime { get; set; }

    internal bool Replaying { get; set; }

    internal string? CustomStatus { get; private set; }

    internal ContinuedAsNewOutcome? ContinueAsNewRequest { get; private set; }

    /// <summary>Actions the code created that no history event has confirmed yet: the step's new work.</summary>
    internal IReadOnlyList<OrchestratorAction> UnmatchedActions => [.. _unmatchedActions.Values.OrderBy(a => a.Id)];

    /// <summary>Durable work the code still waits for: open calls and timers, and event waiters.</summary>
    internal int OpenDurableWork => _openTasks.Count + _eventWaiters.Values.Sum(w => w.Count);

    public override T GetInput<T>() => (T)_input!;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        EnsureOnReplayThread();
        ArgumentException.ThrowIfNullOrEmpty(name.Name);
        if (input is TaskOptions && options is null)
        {
            throw new ArgumentException($"A {nameof(TaskOptions)} was passed as the input of activity '{name.Name}'; pass it as the options argument.", nameof(input));
        }

        var serialized = PayloadConverter.ToJson(input);
        return WithRetry(options?.Retry, subOrchestration: false, () =>
        {
            var id = _nextTaskId++;
            return Open<TResult>(new ScheduleTaskAction(id, name.Name, serialized), name.Name);
        });
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        EnsureOnReplayThread();
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name);
        var serialized = PayloadConverter.ToJson(input);
        var child = options as SubOrchestrationOptions;

        // A child is another orchestrator with its own versions: without an explicit version it runs on
        // the newest one registered, not on this instance's version number.
        var version = child?.Version?.Version ?? options?.Version?.Version;
        return WithRetry(options?.Retry, subOrchestration: true, () =>
        {
            var id = _nextTaskId++;
            var childId = child?.InstanceId ?? $"{InstanceId}:{id:D4}";
            return Open<TResult>(new CreateSubOrchestrationAction(id, orchestratorName.Name, childId, serialized, string.IsNullOrEmpty(version) ? null : version), orchestratorName.Name);
        });
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        EnsureOnReplayThread();
        var id = _nextTaskId++;
        var timer = new OpenTask<object?>(id, "timer");
        Record(new CreateTimerAction(id, fireAt.ToUniversalTime()), timer);
        if (cancellationToken.CanBeCanceled)
        {
            // Runs synchronously in the orchestrator's own Cancel() call, so it is deterministic.
            cancellationToken.Register(() =>
            {
                _openTasks.Remove(id);
                timer.Source.TrySetCanceled(cancellationToken);
            });
        }

        return timer.Source.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        EnsureOnReplayThread();
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.TryDequeue(out var early))
        {
            return Task.FromResult((T)PayloadConverter.FromJson(early.Input, typeof(T))!);
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

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        EnsureOnReplayThread();
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var id = _nextTaskId++;
        Record(new SendEventAction(id, instanceId, eventName, PayloadConverter.ToJson(payload)), null);
    }

    public override void SetCustomStatus(object? customStatus)
    {
        EnsureOnReplayThread();
        CustomStatus = PayloadConverter.ToJson(customStatus);
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNew(new ContinueAsNewOptions { NewInput = newInput, PreserveUnprocessedEvents = preserveUnprocessedEvents });

    public override void ContinueAsNew(ContinueAsNewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        EnsureOnReplayThread();

        // The next execution keeps this version unless told otherwise: the safe moment to move an
        // eternal orchestration to a new version is the code's own decision.
        var version = string.IsNullOrEmpty(options.NewVersion) ? _started.Version : options.NewVersion;
        ContinueAsNewRequest = new ContinuedAsNewOutcome(PayloadConverter.ToJson(options.NewInput), version, []);
        _preserveUnprocessedEvents = options.PreserveUnprocessedEvents;
    }

    public override Guid NewGuid()
    {
        EnsureOnReplayThread();

        // A name-based (version 5 style) GUID: same instance, step time and counter give the same value on replay.
        var name = Encoding.UTF8.GetBytes($"{InstanceId}_{CurrentUtcDateTime:o}_{_guidCounter++}");
        var hash = SHA1.HashData(name);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The events raised but never awaited, to carry into a new execution when asked to.</summary>
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

    /// <summary>
    /// Orchestrator code must run on the replay thread: a continuation that escaped it (ConfigureAwait(false),
    /// Task.Run) would race the replay and make it non-deterministic.
    /// </summary>
    private void EnsureOnReplayThread()
    {
        if (Environment.CurrentManagedThreadId != _replayThread)
        {
            throw new InvalidOperationException(
                $"Orchestrator '{Name.Name}' called its context from another thread. Orchestrator code must not use " +
                "ConfigureAwait(false), Task.Run or other threads; await only the context's tasks.");
        }
    }

    private static async Task<T> Cast<T>(Task<object?> task) => (T)(await task)!;
}
