using Microsoft.DurableTask;

namespace CreditFlow.Durable.Worker;

/// <summary>The SDK's <see cref="TaskActivityContext"/> for one activity call on this engine.</summary>
/// <param name="name">The activity's registered name.</param>
/// <param name="instanceId">The orchestration instance that scheduled it.</param>
/// <param name="executionId">The execution of the instance (changes on ContinueAsNew).</param>
/// <param name="taskId">The task's id within that execution.</param>
internal sealed class ActivityContext(string name, string instanceId, string executionId, int taskId) : TaskActivityContext
{
    public override TaskName Name { get; } = new(name);

    public override string InstanceId { get; } = instanceId;

    /// <summary>The same for every run of this scheduled task, and different for every other task.</summary>
    public string IdempotencyKey { get; } = $"{instanceId}:{executionId}:{taskId}";
}
