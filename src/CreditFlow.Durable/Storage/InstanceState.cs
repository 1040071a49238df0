using Azure;
using CreditFlow.Durable.History;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Storage;

/// <summary>
/// An instance as its owner holds it: the current execution's history and status, the sentinel's
/// ETag that guards the next checkpoint, the committed outbox, and what its rows refer to.
/// </summary>
internal sealed class InstanceState(string instanceId)
{
    public string InstanceId { get; } = instanceId;

    /// <summary>Null until the sentinel row exists.</summary>
    public ETag? ETag { get; set; }

    public bool Exists => ETag is not null;

    public string? Name { get; set; }

    public string? ExecutionId { get; set; }

    /// <summary>The orchestrator version the current execution runs on; null or empty when unversioned.</summary>
    public string? Version { get; set; }

    public OrchestrationRuntimeStatus Status { get; set; } = OrchestrationRuntimeStatus.Pending;

    public DateTime CreatedAt { get; set; }

    public DateTime LastUpdatedAt { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public FailureDetails? Failure { get; set; }

    public ParentInstance? Parent { get; set; }

    /// <summary>The parent's instance id, also where only the index row was read.</summary>
    public string? ParentInstanceId
    {
        get => Parent?.InstanceId ?? _parentInstanceId;
        set => _parentInstanceId = value;
    }

    private string? _parentInstanceId;

    /// <summary>The current execution's events, oldest first.</summary>
    public List<HistoryEvent> History { get; } = [];

    /// <summary>How many history rows the current execution has written (the next row's number).</summary>
    public int ChunkCount { get; set; }

    /// <summary>The first row of the current history: rows before it were rewritten by a rewind and are stale.</summary>
    public int FirstChunk { get; set; }

    /// <summary>Checkpoints committed for this instance over all its executions: orders index writes.</summary>
    public long Checkpoint { get; set; }

    /// <summary>The Instances index row's ETag as this owner last wrote (or was told) it; null when unknown.</summary>
    public ETag? IndexETag { get; set; }

    /// <summary>The outbox as last committed.</summary>
    public List<OutboxItem> Outbox { get; set; } = [];

    /// <summary>
    /// Events and controls that arrived before the execution started (kept in the sentinel row): applied
    /// right after its start, in arrival order.
    /// </summary>
    public List<TaskMessage> Inbox { get; set; } = [];

    /// <summary>Row keys of earlier executions' history, deleted by later checkpoints.</summary>
    public List<string> StaleRowKeys { get; } = [];

    /// <summary>Earlier executions whose payload blobs go once their rows are gone.</summary>
    public HashSet<string> StaleExecutions { get; } = [];

    /// <summary>Payload blobs the committed rows refer to, by property (input, output, custom status, outbox).</summary>
    public Dictionary<string, StoredBlob> Blobs { get; } = [];

    /// <summary>Payload blobs no committed row refers to any more, deleted once the index no longer does either.</summary>
    public List<string> SupersededBlobs { get; } = [];

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

        if (ExecutionId is { } previous && previous != started.ExecutionId)
        {
            StaleExecutions.Add(previous);
        }

        History.Clear();
        ChunkCount = 0;
        FirstChunk = 0;
        Outbox = [];
        Inbox = [];
        Name = started.Name;
        ExecutionId = started.ExecutionId;
        Version = started.Version;
        Input = started.Input;
        Parent = started.Parent;
        Output = null;
        CustomStatus = null;
        Failure = null;
        Status = OrchestrationRuntimeStatus.Running;
        CreatedAt = started.Timestamp == default ? now : started.Timestamp;
    }
}

/// <summary>A payload kept as a blob: the value it holds and the blob's name.</summary>
internal sealed record StoredBlob(string Value, string BlobName);
