namespace CreditFlow.Durable;

/// <summary>The orchestration that started this one as a sub-orchestration.</summary>
/// <param name="Name">The parent's orchestrator name.</param>
/// <param name="InstanceId">The parent's instance id.</param>
/// <param name="ExecutionId">The parent's execution the child reports back to.</param>
/// <param name="TaskId">The parent's task id that awaits the child.</param>
public sealed record ParentOrchestrationInstance(string Name, string InstanceId, string ExecutionId, int TaskId);
