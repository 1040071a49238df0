using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.History;

namespace CreditFlow.Durable.Storage;

/// <summary>
/// Reads and checkpoints instances in the History table, and keeps the Instances index in step.
/// </summary>
/// <remarks>
/// A checkpoint is one entity-group transaction on the instance's partition: the new history
/// chunk, the outbox row and the sentinel row (guarded by its ETag, so only the holder of the
/// latest state can commit). Stale rows of earlier executions are deleted in the same batch.
/// </remarks>
internal sealed class InstanceStore(TaskHub hub, PayloadStore payloads)
{
    internal const string SentinelRowKey = "sentinel";
    internal const string OutboxRowKey = "outbox";
    private const int MaxStaleDeletesPerCheckpoint = 90;
    private static readonly JsonSerializerOptions Json = JsonDataConverter.Options;

    internal static string ChunkRowKey(string executionId, int chunk) => $"{executionId}:{chunk:D6}";

    /// <summary>
    /// Payload blobs are written before the transaction that refers to them, so every write gets its
    /// own name: a writer that then loses the ETag race can never overwrite what the winner committed.
    /// </summary>
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}.json";

    /// <summary>Loads an instance; an instance that was never checkpointed comes back with <c>Exists == false</c>.</summary>
    public async Task<InstanceState> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = new InstanceState(instanceId);
        var rows = new List<TableEntity>();
        await foreach (var row in hub.History.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        var sentinel = rows.FirstOrDefault(r => r.RowKey == SentinelRowKey);
        if (sentinel is null)
        {
            return state;
        }

        await ReadSentinelAsync(sentinel, state, cancellationToken);
        foreach (var row in rows.Where(r => r.RowKey is not SentinelRowKey and not OutboxRowKey).OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            if (row.RowKey.StartsWith($"{state.ExecutionId}:", StringComparison.Ordinal))
            {
                var events = await payloads.GetAsync(row, "Events", cancellationToken);
                state.History.AddRange(JsonSerializer.Deserialize<List<HistoryEvent>>(events!, Json)!);
            }
            else
            {
                state.StaleRowKeys.Add(row.RowKey);
            }
        }

        if (rows.FirstOrDefault(r => r.RowKey == OutboxRowKey) is { } outbox)
        {
            state.Outbox = JsonSerializer.Deserialize<List<OutboxItem>>((await payloads.GetAsync(outbox, "Items", cancellationToken))!, Json)!;
        }

        return state;
    }

    /// <summary>Reads just the authoritative status of an instance, or null when it has no sentinel yet.</summary>
    public async Task<InstanceState?> ReadStatusAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await hub.History.GetEntityIfExistsAsync<TableEntity>(instanceId, SentinelRowKey, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var state = new InstanceState(instanceId);
        await ReadSentinelAsync(response.Value!, state, cancellationToken);
        return state;
    }

    /// <summary>
    /// Commits a checkpoint atomically: the new events, the outbox to dispatch, and the sentinel.
    /// </summary>
    /// <exception cref="CheckpointConflictException">Someone else changed the instance since it was loaded.</exception>
    public async Task CommitAsync(InstanceState state, IReadOnlyList<HistoryEvent> newEvents, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken)
    {
        var id = state.InstanceId;
        var actions = new List<TableTransactionAction>();
        var chunkIndex = state.ChunkCount;
        var blobBase = $"{PayloadStore.BlobPrefix(id)}{state.ExecutionId}";

        var chunk = new TableEntity(id, ChunkRowKey(state.ExecutionId!, chunkIndex));
        await payloads.SetAsync(chunk, "Events", JsonSerializer.Serialize<List<HistoryEvent>>([.. newEvents], Json), Unique($"{blobBase}/history-{chunkIndex:D6}"), maxParts: 8, cancellationToken);
        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, chunk));

        if (outbox.Count > 0)
        {
            var row = new TableEntity(id, OutboxRowKey);
            await payloads.SetAsync(row, "Items", JsonSerializer.Serialize<List<OutboxItem>>([.. outbox], Json), Unique($"{blobBase}/outbox-{chunkIndex:D6}"), maxParts: 8, cancellationToken);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }
        else if (state.Outbox.Count > 0)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(id, OutboxRowKey), ETag.All));
        }

        var stale = state.StaleRowKeys.Take(MaxStaleDeletesPerCheckpoint).ToList();
        actions.AddRange(stale.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(id, rk), ETag.All)));

        var sentinel = await ToSentinelAsync(state, chunkIndex + 1, cancellationToken);
        var sentinelIndex = actions.Count;
        actions.Add(state.ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, sentinel, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, sentinel));

        try
        {
            var response = await hub.History.SubmitTransactionAsync(actions, cancellationToken);
            state.ETag = response.Value[sentinelIndex].Headers.ETag ?? throw new InvalidOperationException("Storage returned no ETag for the sentinel row.");
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            throw new CheckpointConflictException(id, e);
        }

        state.ChunkCount = chunkIndex + 1;
        state.Outbox = [.. outbox];
        state.StaleRowKeys.RemoveRange(0, stale.Count);
        state.IndexUpToDate = false;
    }

    /// <summary>Writes the instance's row in the Instances index from its authoritative state.</summary>
    public async Task UpdateIndexAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var row = await ToIndexRowAsync(state, cancellationToken);
        try
        {
            await hub.Instances.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No row: either never written (a sub-orchestration has no client to insert it) or
            // purged meanwhile. Only the first may come back, or a purge would be undone.
            var sentinel = await hub.History.GetEntityIfExistsAsync<TableEntity>(state.InstanceId, SentinelRowKey, select: ["RowKey"], cancellationToken: cancellationToken);
            if (sentinel.HasValue)
            {
                await hub.Instances.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
            }
        }

        state.IndexUpToDate = true;
    }

    /// <summary>Builds the index row of an instance.</summary>
    public async Task<TableEntity> ToIndexRowAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var row = new TableEntity(state.InstanceId, string.Empty)
        {
            ["Name"] = state.Name,
            ["ExecutionId"] = state.ExecutionId,
            ["RuntimeStatus"] = state.Status.ToString(),
            ["CreatedTime"] = DateTime.SpecifyKind(state.CreatedAt, DateTimeKind.Utc),
            ["LastUpdatedTime"] = DateTime.SpecifyKind(state.LastUpdatedAt, DateTimeKind.Utc),
            ["Failure"] = state.Failure is null ? null : JsonSerializer.Serialize(state.Failure, Json),
            ["ParentInstanceId"] = state.Parent?.InstanceId,
        };
        var blobBase = $"{PayloadStore.BlobPrefix(state.InstanceId)}{state.ExecutionId}";
        await payloads.SetAsync(row, "Input", state.Input, Unique($"{blobBase}/input"), 1, cancellationToken);
        await payloads.SetAsync(row, "Output", state.Output, Unique($"{blobBase}/output"), 1, cancellationToken);
        await payloads.SetAsync(row, "CustomStatus", state.CustomStatus, Unique($"{blobBase}/customstatus"), 1, cancellationToken);
        return row;
    }

    private async Task<TableEntity> ToSentinelAsync(InstanceState state, int chunkCount, CancellationToken cancellationToken)
    {
        var sentinel = await ToIndexRowAsync(state, cancellationToken);
        sentinel.RowKey = SentinelRowKey;
        sentinel["ChunkCount"] = chunkCount;
        sentinel["Parent"] = state.Parent is null ? null : JsonSerializer.Serialize(state.Parent, Json);
        return sentinel;
    }

    private async Task ReadSentinelAsync(TableEntity sentinel, InstanceState state, CancellationToken cancellationToken)
    {
        state.ETag = sentinel.ETag;
        state.Name = sentinel.GetString("Name");
        state.ExecutionId = sentinel.GetString("ExecutionId");
        state.Status = Enum.Parse<OrchestrationRuntimeStatus>(sentinel.GetString("RuntimeStatus")!);
        state.CreatedAt = sentinel.GetDateTime("CreatedTime") ?? default;
        state.LastUpdatedAt = sentinel.GetDateTime("LastUpdatedTime") ?? default;
        state.ChunkCount = sentinel.GetInt32("ChunkCount") ?? 0;
        state.Failure = sentinel.GetString("Failure") is { } failure ? JsonSerializer.Deserialize<TaskFailureDetails>(failure, Json) : null;
        state.Parent = sentinel.GetString("Parent") is { } parent ? JsonSerializer.Deserialize<ParentOrchestrationInstance>(parent, Json) : null;
        state.Input = await payloads.GetAsync(sentinel, "Input", cancellationToken);
        state.Output = await payloads.GetAsync(sentinel, "Output", cancellationToken);
        state.CustomStatus = await payloads.GetAsync(sentinel, "CustomStatus", cancellationToken);
    }
}

/// <summary>A checkpoint lost the race: another worker changed the instance first.</summary>
internal sealed class CheckpointConflictException(string instanceId, Exception inner)
    : Exception($"Instance '{instanceId}' was changed by another worker; its checkpoint was not committed.", inner);
