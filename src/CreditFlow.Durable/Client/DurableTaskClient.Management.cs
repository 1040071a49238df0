using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Worker;

namespace CreditFlow.Durable;

/// <summary>Queries, purges and the poison queue.</summary>
public sealed partial class DurableTaskClient
{
    /// <summary>One page of instances matching <paramref name="query"/>, from the Instances index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The page size is outside 1–1000.</exception>
    public async Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        var filter = Filter(query.CreatedFrom, query.CreatedTo, query.Statuses, query.Name, query.InstanceIdPrefix);
        await foreach (var page in _hub.Instances.QueryAsync<TableEntity>(filter, query.PageSize, cancellationToken: cancellationToken).AsPages(query.ContinuationToken, query.PageSize))
        {
            var instances = new List<OrchestrationMetadata>(page.Values.Count);
            foreach (var row in page.Values)
            {
                instances.Add(await ToMetadataAsync(row, query.FetchInputsAndOutputs, cancellationToken));
            }

            return new OrchestrationQueryPage(instances, page.ContinuationToken);
        }

        return new OrchestrationQueryPage([], null);
    }

    /// <summary>Deletes a terminal instance's history, index row, timers' effects and payload blobs.</summary>
    /// <returns>1 when purged, 0 when there was no such instance.</returns>
    /// <exception cref="OrchestrationStateException">The instance has not ended.</exception>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var metadata = await GetInstanceAsync(instanceId, false, cancellationToken);
        if (metadata is null)
        {
            return new PurgeResult(0);
        }

        if (!metadata.IsCompleted)
        {
            throw new OrchestrationStateException(instanceId, metadata.RuntimeStatus, "purge");
        }

        var keys = new List<string>();
        await foreach (var row in _hub.History.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }

        foreach (var batch in keys.Chunk(100))
        {
            await _hub.History.SubmitTransactionAsync(batch.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, rk), ETag.All)), cancellationToken);
        }

        await _payloads.DeleteInstanceAsync(instanceId, cancellationToken);
        await _hub.Instances.DeleteEntityAsync(instanceId, string.Empty, ETag.All, cancellationToken);
        return new PurgeResult(1);
    }

    /// <summary>Purges every terminal instance matching <paramref name="filter"/>.</summary>
    public async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        var statuses = (filter.Statuses is { Count: > 0 } s ? s : Enum.GetValues<OrchestrationRuntimeStatus>()).Where(x => x.IsTerminal()).ToList();
        var ids = new List<string>();
        await foreach (var row in _hub.Instances.QueryAsync<TableEntity>(Filter(filter.CreatedFrom, filter.CreatedTo, statuses, null, null), select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.PartitionKey);
        }

        var purged = 0;
        foreach (var id in ids)
        {
            try
            {
                purged += (await PurgeInstanceAsync(id, cancellationToken)).PurgedInstanceCount;
            }
            catch (OrchestrationStateException)
            {
                // Restarted since the index was read: not terminal any more.
            }
        }

        return new PurgeResult(purged);
    }

    /// <summary>Every partition with its owner, queue length and next timer.</summary>
    public async Task<IReadOnlyList<PartitionInfo>> GetPartitionsAsync(CancellationToken cancellationToken = default)
    {
        var owners = await _leases.ReadOwnersAsync(cancellationToken);
        var partitions = new List<PartitionInfo>();
        for (var i = 0; i < _hub.Options.PartitionCount; i++)
        {
            var owned = owners.TryGetValue(i, out var owner);
            try
            {
                var properties = (await _hub.ControlQueues[i].GetPropertiesAsync(cancellationToken)).Value;
                var next = (await _timers.EarliestAsync(i, 1, cancellationToken)).FirstOrDefault();
                partitions.Add(new PartitionInfo(i, owned ? owner.Owner : null, owned ? owner.ExpiresAt : null, properties.ApproximateMessagesCount, next is null ? null : new DateTimeOffset(next.DueAt)));
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // The task hub is not created yet: an empty partition nobody owns.
                partitions.Add(new PartitionInfo(i, null, null, 0, null));
            }
        }

        return partitions;
    }

    /// <summary>
    /// Starts an ended instance again with its original input: under the same id (replacing it) or,
    /// with <paramref name="newInstanceId"/>, as a new instance. Returns the id that runs.
    /// </summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    public async Task<string> RestartAsync(string instanceId, bool newInstanceId, CancellationToken cancellationToken = default)
    {
        var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) ?? throw new OrchestrationNotFoundException(instanceId);
        object? input = metadata.SerializedInput is null ? null : System.Text.Json.JsonDocument.Parse(metadata.SerializedInput).RootElement.Clone();
        return await ScheduleNewOrchestrationInstanceAsync(metadata.Name, input, new StartOrchestrationOptions { InstanceId = newInstanceId ? null : instanceId }, cancellationToken);
    }

    /// <summary>Messages parked in the poison queue (up to 32).</summary>
    public async Task<IReadOnlyList<(string PoisonId, PoisonMessage Message)>> GetPoisonMessagesAsync(CancellationToken cancellationToken = default)
    {
        var peeked = (await _hub.PoisonQueue.PeekMessagesAsync(32, cancellationToken)).Value;
        return [.. peeked.Select(p => (p.MessageId, JsonSerializer.Deserialize<PoisonMessage>(p.Body.ToString(), JsonDataConverter.Options)!))];
    }

    /// <summary>Puts a poison message back on its control queue, for another try.</summary>
    /// <returns>False when no poison message has this id.</returns>
    public async Task<bool> ReplayPoisonMessageAsync(string poisonId, CancellationToken cancellationToken = default) =>
        await TakePoisonAsync(poisonId, (poison) => _hub.ControlQueues[poison.Partition].SendMessageAsync(poison.Body, cancellationToken), cancellationToken);

    /// <summary>Deletes a poison message for good.</summary>
    /// <returns>False when no poison message has this id.</returns>
    public Task<bool> DiscardPoisonMessageAsync(string poisonId, CancellationToken cancellationToken = default) =>
        TakePoisonAsync(poisonId, _ => Task.CompletedTask, cancellationToken);

    private async Task<bool> TakePoisonAsync(string poisonId, Func<PoisonMessage, Task> then, CancellationToken cancellationToken)
    {
        // Receive briefly to get a pop receipt for the one message asked for; others go back at once.
        var received = (await _hub.PoisonQueue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), cancellationToken)).Value;
        var found = false;
        foreach (var message in received)
        {
            if (message.MessageId == poisonId)
            {
                await then(JsonSerializer.Deserialize<PoisonMessage>(message.Body.ToString(), JsonDataConverter.Options)!);
                await _hub.PoisonQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                found = true;
            }
            else
            {
                await _hub.PoisonQueue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
            }
        }

        return found;
    }

    private static string? Filter(DateTimeOffset? from, DateTimeOffset? to, IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, string? name, string? prefix)
    {
        var parts = new List<string>();
        if (from is { } f)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedTime ge {f.UtcDateTime}"));
        }

        if (to is { } t)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedTime le {t.UtcDateTime}"));
        }

        if (statuses is { Count: > 0 })
        {
            parts.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))) + ")");
        }

        if (!string.IsNullOrEmpty(name))
        {
            parts.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        }

        if (!string.IsNullOrEmpty(prefix))
        {
            // Every key starting with the prefix sorts between it and the prefix followed by the highest character.
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + char.MaxValue}"));
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }
}
