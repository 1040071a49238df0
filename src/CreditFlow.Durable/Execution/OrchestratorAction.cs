namespace CreditFlow.Durable.Execution;

/// <summary>Durable work the orchestrator's code asked for in a step; each becomes a history event.</summary>
internal abstract record OrchestratorAction(int Id)
{
    /// <summary>How a non-determinism message names this action.</summary>
    public abstract string Describe();
}

internal sealed record ScheduleTaskAction(int Id, string Name, string? Input) : OrchestratorAction(Id)
{
    public override string Describe() => $"TaskScheduled '{Name}'";
}

internal sealed record CreateTimerAction(int Id, DateTime FireAt) : OrchestratorAction(Id)
{
    public override string Describe() => "TimerCreated";
}

internal sealed record CreateSubOrchestrationAction(int Id, string Name, string InstanceId, string? Input, string? Version = null) : OrchestratorAction(Id)
{
    public override string Describe() => $"SubOrchestrationInstanceCreated '{Name}'";
}

internal sealed record SendEventAction(int Id, string InstanceId, string Name, string? Input) : OrchestratorAction(Id)
{
    public override string Describe() => $"EventSent '{Name}' to '{InstanceId}'";
}
