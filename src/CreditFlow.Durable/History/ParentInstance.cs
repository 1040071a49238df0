namespace CreditFlow.Durable.History;

/// <summary>The orchestration that started an instance as a sub-orchestration, as the engine stores it.</summary>
/// <param name="Name">The parent's orchestrator name.</param>
/// <param name="InstanceId">The parent's instance id.</param>
/// <param name="ExecutionId">The parent's execution the child reports back to.</param>
/// <param name="TaskId">The parent's task id that awaits the child.</param>
internal sealed record ParentInstance(string Name, string InstanceId, string ExecutionId, int TaskId)
{
    /// <summary>The SDK's view of the parent: name and instance.</summary>
    public Microsoft.DurableTask.ParentOrchestrationInstance ToSdk() => new(new Microsoft.DurableTask.TaskName(Name), InstanceId);
}
