namespace CreditFlow.Durable;

/// <summary>Base of every orchestrator: code that coordinates activities, timers and events.</summary>
/// <remarks>
/// Orchestrators are replayed from their history on every step, so their code must be
/// deterministic: use <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> instead of the
/// wall clock, <see cref="TaskOrchestrationContext.NewGuid"/> instead of <see cref="Guid.NewGuid"/>,
/// durable timers instead of <see cref="Task.Delay(TimeSpan)"/>, and do all I/O in activities.
/// Await only tasks that the context hands out. Files holding orchestrators end in <c>.workflow.cs</c>.
/// </remarks>
/// <typeparam name="TInput">The orchestration's input.</typeparam>
/// <typeparam name="TOutput">The orchestration's output.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <summary>Runs (and re-runs, on replay) the orchestration.</summary>
    /// <param name="context">The orchestration's context: the only source of time, ids and durable work.</param>
    /// <param name="input">The input the instance was started with.</param>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    /// <inheritdoc />
    Type ITaskOrchestrator.InputType => typeof(TInput);

    /// <inheritdoc />
    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}

/// <summary>The untyped face of an orchestrator, used by the runtime.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>Runs the orchestration with an already deserialized input.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
