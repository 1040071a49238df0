using Azure;
using CreditFlow.Durable.History;

namespace CreditFlow.Durable.Storage;

/// <summary>
/// An instance as its owner holds it: the current execution's history and status, the sentinel's
/// ETag that guards the next checkpoint, and the committed outbox.
/// </summary>
internal sealed class InstanceState(string instanceId)
{
    public string InstanceId { get; } = instanceId;

    /// <summary>Null until the sentinel row exists.</summary>
    public ETag? ETag { get; set; }

    public bool Exists => ETag is not null;

    public string? Name { get; set; }

    public string? ExecutionId { get; set; }

    public OrchestrationRuntimeStatus Status { get; set; } = OrchestrationRuntimeStatus.Pending;

    public DateTime CreatedAt { get; set; }

    public DateTime LastUpdatedAt { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public ParentOrchestrationInstance? Parent { get; set; }

    /// <summary>The current execution's events, oldest first.</summary>
    public List<HistoryEvent> History { get; } = [];

    /// <summary>How many history rows the current execution has.</summary>
    public int ChunkCount { get; set; }

    /// <summary>The outbox as last committed.</summary>
    public List<OutboxItem> Outbox { get; set; } = [];

    /// <summary>Row keys of earlier executions' history, deleted by later checkpoints.</summary>
    public List<string> StaleRowKeys { get; } = [];

    /// <summary>True when the Instances index row already shows this state.</summary>
    public bool IndexUpToDate { get; set; }

    /// <summary>Starts a fresh execution, keeping the old execution's rows for deletion.</summary>
    public void BeginExecution(ExecutionStarted started, DateTime now)
    {
        if (History.Count > 0)
        {
            // The old execution's rows are known only when its history was loaded as current;
            // otherwise the loader already listed them as stale.
            StaleRowKeys.AddRange(Enumerable.Range(0, ChunkCount).Select(i => InstanceStore.ChunkRowKey(ExecutionId!, i)));
        }

        History.Clear();
        ChunkCount = 0;
        Outbox = [];
        Name = started.Name;
        ExecutionId = started.ExecutionId;
        Input = started.Input;
        Parent = started.Parent;
        Output = null;
        CustomStatus = null;
        Failure = null;
        Status = OrchestrationRuntimeStatus.Running;
        CreatedAt = started.Timestamp == default ? now : started.Timestamp;
    }
}
