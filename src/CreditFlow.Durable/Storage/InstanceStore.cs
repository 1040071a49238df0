using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.History;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Storage;

/// <summary>
/// Reads and checkpoints instances in the History table, and keeps the Instances index in step.
/// </summary>
/// <remarks>
/// A checkpoint is one entity-group transaction on the instance's partition: the new history
/// chunk, the outbox row and the sentinel row (guarded by its ETag, so only the holder of the
/// latest state can commit). Stale rows of earlier executions are deleted in the same batch.
/// The index row is written after the commit, fenced by its own ETag and the checkpoint number, so a
/// late writer can never put an older status over a newer one.
/// </remarks>
internal sealed class InstanceStore(TaskHub hub, PayloadStore payloads)
{
    internal const string SentinelRowKey = "sentinel";
    internal const string OutboxRowKey = "outbox";
    private const int MaxStaleDeletesPerCheckpoint = 90;
    private static readonly JsonSerializerOptions Json = PayloadConverter.Options;

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
            if (state.ExecutionId is not null && row.RowKey.StartsWith($"{state.ExecutionId}:", StringComparison.Ordinal)
                && int.Parse(row.RowKey.AsSpan(state.ExecutionId.Length + 1), System.Globalization.CultureInfo.InvariantCulture) >= state.FirstChunk)
            {
                var events = await payloads.GetAsync(row, "Events", cancellationToken);
                state.History.AddRange(JsonSerializer.Deserialize<List<HistoryEvent>>(events!, Json)!);
            }
            else
            {
                state.StaleRowKeys.Add(row.RowKey);
                if (row.RowKey[..row.RowKey.LastIndexOf(':')] is var execution && execution != state.ExecutionId)
                {
                    state.StaleExecutions.Add(execution);
                }
            }
        }

        if (rows.FirstOrDefault(r => r.RowKey == OutboxRowKey) is { } outbox)
        {
            var items = (await payloads.GetAsync(outbox, "Items", cancellationToken))!;
            state.Outbox = JsonSerializer.Deserialize<List<OutboxItem>>(items, Json)!;
            Remember(state, outbox, "Items", items);
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
    /// <param name="rewritten">True when <paramref name="newEvents"/> replaces the whole history (a rewind).</param>
    public async Task CommitAsync(InstanceState state, IReadOnlyList<HistoryEvent> newEvents, IReadOnlyList<OutboxItem> outbox, CancellationToken cancellationToken, bool rewritten = false)
    {
        var id = state.InstanceId;
        var actions = new List<TableTransactionAction>();
        var chunkIndex = state.ChunkCount;
        var blobBase = $"{PayloadStore.BlobPrefix(id)}{state.ExecutionId}";
        var written = new List<string>();
        var blobs = new Dictionary<string, StoredBlob>(state.Blobs);

        var chunk = new TableEntity(id, ChunkRowKey(state.ExecutionId!, chunkIndex));
        await SetAsync(chunk, "Events", JsonSerializer.Serialize<List<HistoryEvent>>([.. newEvents], Json), $"{blobBase}/history-{chunkIndex:D6}", 8, null, written, cancellationToken);
        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, chunk));

        blobs.Remove("Items");
        blobs.Remove("Inbox"); // the new sentinel keeps nothing for later: the inbox was applied
        if (outbox.Count > 0)
        {
            var row = new TableEntity(id, OutboxRowKey);
            await SetAsync(row, "Items", JsonSerializer.Serialize<List<OutboxItem>>([.. outbox], Json), $"{blobBase}/outbox-{chunkIndex:D6}", 8, blobs, written, cancellationToken);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }
        else if (state.Outbox.Count > 0)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(id, OutboxRowKey), ETag.All));
        }

        var stale = state.StaleRowKeys.Take(MaxStaleDeletesPerCheckpoint).ToList();
        actions.AddRange(stale.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(id, rk), ETag.All)));

        var sentinel = await StatusRowAsync(state, blobs, written, cancellationToken);
        sentinel.RowKey = SentinelRowKey;
        sentinel["ChunkCount"] = chunkIndex + 1;
        sentinel["FirstChunk"] = rewritten ? chunkIndex : state.FirstChunk;
        sentinel["Checkpoint"] = state.Checkpoint + 1;
        sentinel["Parent"] = state.Parent is null ? null : JsonSerializer.Serialize(state.Parent, Json);
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
            // Nothing refers to what this attempt wrote: it must not outlive it.
            await payloads.DeleteQuietlyAsync(written);
            throw new CheckpointConflictException(id, e);
        }

        state.SupersededBlobs.AddRange(state.Blobs.Values.Select(b => b.BlobName).Except(blobs.Values.Select(b => b.BlobName)));
        state.Blobs.Clear();
        foreach (var (property, blob) in blobs)
        {
            state.Blobs[property] = blob;
        }

        state.ChunkCount = chunkIndex + 1;
        state.FirstChunk = rewritten ? chunkIndex : state.FirstChunk;
        state.Checkpoint++;
        state.Outbox = [.. outbox];
        state.Inbox = [];
        state.StaleRowKeys.RemoveRange(0, stale.Count);
        state.IndexUpToDate = false;
    }

    /// <summary>
    /// Writes the instance's row in the Instances index from its committed state, unless the row
    /// already shows a later checkpoint (written by a newer owner while this one stalled).
    /// </summary>
    public async Task UpdateIndexAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var row = await StatusRowAsync(state, new Dictionary<string, StoredBlob>(state.Blobs), [], cancellationToken);
        row["Checkpoint"] = state.Checkpoint;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (state.IndexETag is not { } known)
            {
                var current = await hub.Instances.GetEntityIfExistsAsync<TableEntity>(state.InstanceId, string.Empty, select: ["Checkpoint"], cancellationToken: cancellationToken);
                if (!current.HasValue)
                {
                    // No row: either never written (a sub-orchestration has no client to insert it) or
                    // purged meanwhile. Only the first may come back, or a purge would be undone.
                    if (await SentinelExistsAsync(state.InstanceId, cancellationToken))
                    {
                        try
                        {
                            state.IndexETag = (await hub.Instances.AddEntityAsync(row, cancellationToken)).Headers.ETag;
                        }
                        catch (RequestFailedException e) when (e.Status == 409)
                        {
                            continue; // written meanwhile: compare with it
                        }
                    }

                    break;
                }

                if ((current.Value!.GetInt64("Checkpoint") ?? 0) >= state.Checkpoint)
                {
                    break; // the row already shows this checkpoint or a later one
                }

                known = current.Value.ETag;
            }

            try
            {
                state.IndexETag = (await hub.Instances.UpdateEntityAsync(row, known, TableUpdateMode.Replace, cancellationToken)).Headers.ETag;
                break;
            }
            catch (RequestFailedException e) when (e.Status is 412 or 404)
            {
                state.IndexETag = null; // changed or gone since: read it and decide again
            }
        }

        state.IndexUpToDate = true;
    }

    /// <summary>The index row a client writes for a new instance (Pending).</summary>
    public async Task<TableEntity> NewIndexRowAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var row = await StatusRowAsync(state, [], [], cancellationToken);
        row["Checkpoint"] = state.Checkpoint;
        return row;
    }

    /// <summary>
    /// Keeps messages for an instance that has not started yet in its sentinel row, to be applied
    /// right after it starts. Creates the sentinel (status Pending) when the instance was only scheduled.
    /// </summary>
    /// <returns>False when no instance with this id exists or is scheduled.</returns>
    public async Task<bool> KeepForStartAsync(string instanceId, IReadOnlyList<TaskMessage> messages, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await hub.History.GetEntityIfExistsAsync<TableEntity>(instanceId, SentinelRowKey, cancellationToken: cancellationToken);
            TableEntity sentinel;
            List<TaskMessage> inbox;
            if (existing.HasValue)
            {
                sentinel = existing.Value!;
                inbox = await ReadInboxAsync(sentinel, cancellationToken);
            }
            else
            {
                var index = await hub.Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, select: ["RuntimeStatus"], cancellationToken: cancellationToken);
                if (!index.HasValue)
                {
                    return false;
                }

                sentinel = new TableEntity(instanceId, SentinelRowKey) { ["RuntimeStatus"] = OrchestrationRuntimeStatus.Pending.ToString() };
                inbox = [];
            }

            var before = inbox.Count;
            inbox.AddRange(messages.Where(m => inbox.All(kept => kept.MessageId != m.MessageId)));
            if (inbox.Count == before)
            {
                return true; // all kept already (a redelivery)
            }

            sentinel.Remove("InboxBlob");
            await payloads.SetAsync(sentinel, "Inbox", JsonSerializer.Serialize(inbox, Json), Unique($"{PayloadStore.BlobPrefix(instanceId)}inbox"), 1, cancellationToken);
            try
            {
                if (existing.HasValue)
                {
                    await hub.History.UpdateEntityAsync(sentinel, sentinel.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await hub.History.AddEntityAsync(sentinel, cancellationToken);
                }

                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 5)
            {
                // Changed meanwhile (another message kept, or the instance started): read it again.
            }
        }
    }

    private async Task<bool> SentinelExistsAsync(string instanceId, CancellationToken cancellationToken) =>
        (await hub.History.GetEntityIfExistsAsync<TableEntity>(instanceId, SentinelRowKey, select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>The status columns of the sentinel and the index row; large values go to blobs, reused while unchanged.</summary>
    private async Task<TableEntity> StatusRowAsync(InstanceState state, Dictionary<string, StoredBlob> blobs, List<string> written, CancellationToken cancellationToken)
    {
        var row = new TableEntity(state.InstanceId, string.Empty)
        {
            ["Name"] = state.Name,
            ["ExecutionId"] = state.ExecutionId,
            ["Version"] = state.Version,
            ["RuntimeStatus"] = state.Status.ToString(),
            ["CreatedTime"] = DateTime.SpecifyKind(state.CreatedAt, DateTimeKind.Utc),
            ["LastUpdatedTime"] = DateTime.SpecifyKind(state.LastUpdatedAt, DateTimeKind.Utc),
            ["Failure"] = state.Failure is null ? null : JsonSerializer.Serialize(state.Failure, Json),
            ["ParentInstanceId"] = state.ParentInstanceId,
        };
        var blobBase = $"{PayloadStore.BlobPrefix(state.InstanceId)}{state.ExecutionId}";
        await SetAsync(row, "Input", state.Input, $"{blobBase}/input", 1, blobs, written, cancellationToken);
        await SetAsync(row, "Output", state.Output, $"{blobBase}/output", 1, blobs, written, cancellationToken);
        await SetAsync(row, "CustomStatus", state.CustomStatus, $"{blobBase}/customstatus", 1, blobs, written, cancellationToken);
        return row;
    }

    /// <summary>Stores a value in a row; a value that is a blob already (unchanged since) is referred to, not uploaded again.</summary>
    private async Task SetAsync(TableEntity row, string property, string? value, string blobName, int maxParts, Dictionary<string, StoredBlob>? blobs, List<string> written, CancellationToken cancellationToken)
    {
        if (value is not null && blobs is not null && blobs.TryGetValue(property, out var stored) && stored.Value == value)
        {
            row[$"{property}Blob"] = stored.BlobName;
            return;
        }

        blobs?.Remove(property);
        if (await payloads.SetAsync(row, property, value, Unique(blobName), maxParts, cancellationToken) is { } uploaded)
        {
            written.Add(uploaded);
            if (blobs is not null)
            {
                blobs[property] = new StoredBlob(value!, uploaded);
            }
        }
    }

    private static void Remember(InstanceState state, TableEntity row, string property, string? value)
    {
        if (value is not null && row.GetString($"{property}Blob") is { } blob)
        {
            state.Blobs[property] = new StoredBlob(value, blob);
        }
    }

    private async Task<List<TaskMessage>> ReadInboxAsync(TableEntity sentinel, CancellationToken cancellationToken) =>
        await payloads.GetAsync(sentinel, "Inbox", cancellationToken) is { } inbox ? JsonSerializer.Deserialize<List<TaskMessage>>(inbox, Json)! : [];

    /// <summary>The instance as its index row shows it (e.g. scheduled, not started), or null when there is no row.</summary>
    public async Task<InstanceState?> ReadIndexAsync(string instanceId, CancellationToken cancellationToken)
    {
        var row = await hub.Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        return await ReadIndexRowAsync(row.Value!, cancellationToken);
    }

    /// <summary>The instance as an index row shows it; inputs and outputs in blobs are read only when asked for.</summary>
    public async Task<InstanceState> ReadIndexRowAsync(TableEntity row, CancellationToken cancellationToken, bool withPayloads = true)
    {
        var state = new InstanceState(row.PartitionKey);
        await ReadStatusColumnsAsync(row, state, cancellationToken, withPayloads);
        return state;
    }

    private async Task ReadSentinelAsync(TableEntity sentinel, InstanceState state, CancellationToken cancellationToken)
    {
        state.ETag = sentinel.ETag;
        await ReadStatusColumnsAsync(sentinel, state, cancellationToken);
        state.ChunkCount = sentinel.GetInt32("ChunkCount") ?? 0;
        state.FirstChunk = sentinel.GetInt32("FirstChunk") ?? 0;
        // No index-row ETag is kept with the sentinel: the row is brought up to date after each commit, so one written with
        // the commit was stale as soon as that succeeded. A reloaded instance (IndexETag null) reads the row's checkpoint
        // before its first update instead.
        state.Parent = sentinel.GetString("Parent") is { } parent ? JsonSerializer.Deserialize<ParentInstance>(parent, Json) : null;
        var inbox = await payloads.GetAsync(sentinel, "Inbox", cancellationToken);
        state.Inbox = inbox is null ? [] : JsonSerializer.Deserialize<List<TaskMessage>>(inbox, Json)!;
        Remember(state, sentinel, "Inbox", inbox);
    }

    private async Task ReadStatusColumnsAsync(TableEntity row, InstanceState state, CancellationToken cancellationToken, bool withPayloads = true)
    {
        var sentinel = row;
        state.Name = sentinel.GetString("Name");
        state.ExecutionId = sentinel.GetString("ExecutionId");
        state.Version = sentinel.GetString("Version");
        state.Status = Enum.Parse<OrchestrationRuntimeStatus>(sentinel.GetString("RuntimeStatus")!);
        state.CreatedAt = sentinel.GetDateTime("CreatedTime") ?? default;
        state.LastUpdatedAt = sentinel.GetDateTime("LastUpdatedTime") ?? default;
        state.Checkpoint = sentinel.GetInt64("Checkpoint") ?? 0;
        state.Failure = sentinel.GetString("Failure") is { } failure ? JsonSerializer.Deserialize<FailureDetails>(failure, Json) : null;
        state.ParentInstanceId = sentinel.GetString("ParentInstanceId");
        state.Input = withPayloads ? await payloads.GetAsync(sentinel, "Input", cancellationToken) : null;
        state.Output = withPayloads ? await payloads.GetAsync(sentinel, "Output", cancellationToken) : null;
        state.CustomStatus = await payloads.GetAsync(sentinel, "CustomStatus", cancellationToken);
        Remember(state, sentinel, "Input", state.Input);
        Remember(state, sentinel, "Output", state.Output);
        Remember(state, sentinel, "CustomStatus", state.CustomStatus);
    }
}

/// <summary>A checkpoint lost the race: another worker changed the instance first.</summary>
internal sealed class CheckpointConflictException(string instanceId, Exception inner)
    : Exception($"Instance '{instanceId}' was changed by another worker; its checkpoint was not committed.", inner);
