namespace CreditFlow.Durable;

/// <summary>Base of every activity: one unit of I/O that an orchestrator schedules.</summary>
/// <remarks>
/// Activities run at least once: after a crash an activity may run again. Side effects that must
/// happen once (a mail, an ERP callback) use <see cref="TaskActivityContext.IdempotencyKey"/>.
/// Activities are created per call from dependency injection, so constructors take services.
/// </remarks>
/// <typeparam name="TInput">The activity's input.</typeparam>
/// <typeparam name="TOutput">The activity's result.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <summary>Does the work.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    /// <inheritdoc />
    Type ITaskActivity.InputType => typeof(TInput);

    /// <inheritdoc />
    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}

/// <summary>The untyped face of an activity, used by the runtime.</summary>
public interface ITaskActivity
{
    /// <summary>The type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>Runs the activity with an already deserialized input.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>What an activity knows about the call it serves.</summary>
/// <param name="Name">The activity's registered name.</param>
/// <param name="InstanceId">The orchestration instance that scheduled it.</param>
/// <param name="TaskId">The task's id within that instance's execution.</param>
/// <param name="ExecutionId">The execution of the instance (changes on ContinueAsNew).</param>
public sealed record TaskActivityContext(string Name, string InstanceId, int TaskId, string ExecutionId)
{
    /// <summary>Stable across retries of the same scheduled task: key side effects with it so they happen once.</summary>
    public string IdempotencyKey => $"{InstanceId}:{ExecutionId}:{TaskId}";
}
