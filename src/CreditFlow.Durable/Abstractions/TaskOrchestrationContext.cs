using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable;

/// <summary>
/// What an orchestrator may use: durable calls, timers, events, and replay-safe time and ids.
/// Every method records an action in the instance's history, so a replay makes the same calls
/// and gets the same results.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The instance's id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The orchestrator's registered name.</summary>
    public abstract string Name { get; }

    /// <summary>The orchestration that started this one, or null for a top-level instance.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>The time of the current step, the same on every replay. Use instead of the clock.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-runs steps whose results are already in history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Schedules an activity and returns its result.</summary>
    /// <exception cref="TaskFailedException">The activity failed (after any retries).</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity whose result is not needed.</summary>
    /// <exception cref="TaskFailedException">The activity failed (after any retries).</exception>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts another orchestration as a child and returns its output.</summary>
    /// <exception cref="TaskFailedException">The child failed (after any retries).</exception>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Starts a child orchestration whose output is not needed.</summary>
    public Task CallSubOrchestratorAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(name, input, options);

    /// <summary>A durable timer that completes at <paramref name="fireAt"/> (UTC); it has no length limit.</summary>
    /// <param name="fireAt">When the timer fires.</param>
    /// <param name="cancellationToken">Cancels the wait (the task then throws <see cref="TaskCanceledException"/>).</param>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken = default);

    /// <summary>A durable timer that completes after <paramref name="delay"/> from <see cref="CurrentUtcDateTime"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken = default) =>
        CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>
    /// Waits for an event raised to this instance. Events that arrived earlier are buffered and
    /// hand over at once, in arrival order.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event, up to <paramref name="timeout"/> of durable time.</summary>
    /// <exception cref="TaskCanceledException">The timeout expired first.</exception>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Raises an event to another instance, once.</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload = null);

    /// <summary>Sets a small value that clients see with the instance's status.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Ends this execution and starts the instance afresh with <paramref name="newInput"/>, keeping
    /// history short for eternal orchestrations.
    /// </summary>
    /// <param name="newInput">The next execution's input.</param>
    /// <param name="preserveUnprocessedEvents">Carry events that arrived but were not awaited into the new execution.</param>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that is silent while replaying, so each line is written once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>A logger named after <typeparamref name="T"/> that is silent while replaying.</summary>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
