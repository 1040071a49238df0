namespace CreditFlow.Durable;

/// <summary>An activity or sub-orchestration that the orchestrator awaited has failed.</summary>
public sealed class TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
    : Exception($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
{
    /// <summary>The activity or orchestrator name.</summary>
    public string TaskName { get; } = taskName;

    /// <summary>The task's id in the orchestration's history.</summary>
    public int TaskId { get; } = taskId;

    /// <summary>What the failed code threw.</summary>
    public TaskFailureDetails FailureDetails { get; } = failureDetails;
}
