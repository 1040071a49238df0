namespace CreditFlow.Durable;

/// <summary>How a new instance is started.</summary>
public sealed record StartOrchestrationOptions
{
    /// <summary>The instance id; null for a new GUID.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Start later, at this time (UTC); null to start now.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>
    /// Statuses of an existing instance with the same id that a start may replace. By default the
    /// terminal ones; a running, pending or suspended instance always answers a conflict unless listed.
    /// </summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus> ReplaceableStatuses { get; init; } =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];
}

/// <summary>Which instances a query returns.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Created at or after (UTC).</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created at or before (UTC).</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Any of these statuses; null or empty for all.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Orchestrator name, exactly.</summary>
    public string? Name { get; init; }

    /// <summary>Instance ids starting with this.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Instances per page (1–1000).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Where the previous page ended; null for the first page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Include inputs, outputs and custom status.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}

/// <summary>One page of a query.</summary>
/// <param name="Instances">The instances of this page.</param>
/// <param name="ContinuationToken">Pass to get the next page; null when this is the last.</param>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);

/// <summary>Which instances a purge removes (terminal ones only).</summary>
public sealed record PurgeInstancesFilter(DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>How many instances a purge removed.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>No instance has this id.</summary>
public sealed class OrchestrationNotFoundException(string instanceId)
    : Exception($"No orchestration instance with id '{instanceId}' exists.")
{
    /// <summary>The id asked for.</summary>
    public string InstanceId { get; } = instanceId;
}

/// <summary>The instance is in a state that does not allow the operation.</summary>
public sealed class OrchestrationStateException(string instanceId, OrchestrationRuntimeStatus status, string operation)
    : Exception($"Cannot {operation} instance '{instanceId}': it is {status}.")
{
    /// <summary>The instance.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>Its status.</summary>
    public OrchestrationRuntimeStatus Status { get; } = status;
}

/// <summary>An instance with this id exists and is not replaceable.</summary>
public sealed class OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
    : Exception($"An orchestration instance with id '{instanceId}' already exists and is {status}.")
{
    /// <summary>The id.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>The existing instance's status.</summary>
    public OrchestrationRuntimeStatus Status { get; } = status;
}
