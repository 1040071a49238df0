using System.Diagnostics;
using System.Text.Json;
using Azure;
using Page = Microsoft.DurableTask.Page<Microsoft.DurableTask.Client.OrchestrationMetadata>;
using Azure.Data.Tables;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Client;

/// <summary>Queries, purges, partitions and the poison queue.</summary>
public sealed partial class CreditFlowDurableTaskClient : IEngineOperations
{
    /// <inheritdoc />
    public string EngineName => "CreditFlow";

    /// <inheritdoc />
    public bool HasPoisonQueue => true;

    /// <summary>How many instances one purge round reads and deletes at most.</summary>
    internal const int PurgeBatchSize = 100;

    /// <inheritdoc />
    /// <remarks>Pages come from the Instances index; a page holds at most 1,000 instances.</remarks>
    public override Microsoft.DurableTask.AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        GetAllInstancesAsync(filter, orchestratorName: null);

    /// <summary>Instances of one orchestrator (or all, when null) matching <paramref name="filter"/>, filtered in storage.</summary>
    internal Microsoft.DurableTask.AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter, string? orchestratorName)
    {
        filter ??= new OrchestrationQuery();
        var pageSize = Math.Clamp(filter.PageSize, 1, 1000);
        var query = Filter(filter.CreatedFrom, filter.CreatedTo, filter.Statuses, filter.InstanceIdPrefix, orchestratorName);
        return Pageable.Create(async (string? continuation, int? size, CancellationToken cancellation) =>
        {
            var take = size is > 0 and <= 1000 ? size.Value : pageSize;
            await foreach (var page in _hub.Instances.QueryAsync<TableEntity>(query, take, cancellationToken: cancellation).AsPages(continuation ?? filter.ContinuationToken, take))
            {
                var instances = new List<OrchestrationMetadata>(page.Values.Count);
                foreach (var row in page.Values)
                {
                    var state = await Store.ReadIndexRowAsync(row, cancellation, filter.FetchInputsAndOutputs);
                    instances.Add(ToMetadata(state, filter.FetchInputsAndOutputs));
                }

                return new Page(instances, page.ContinuationToken);
            }

            return new Page([], null);
        });
    }

    /// <inheritdoc />
    /// <remarks>
    /// Only an instance that has ended is purged, as the SDK specifies; for one that has not, the result
    /// counts 0. (The Durable Functions HTTP API purges in any state: see <see cref="PurgeInAnyStateAsync"/>.)
    /// </remarks>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var metadata = await GetInstancesAsync(instanceId, false, cancellation);
        return metadata is { IsCompleted: true } ? new PurgeResult(await DeleteInstanceAsync(instanceId, cancellation)) : new PurgeResult(0);
    }

    /// <summary>
    /// Deletes an instance whatever its state, as the Durable Functions HTTP API does: its history, status,
    /// timers' effects and payload blobs. Messages still on their way to it are dropped on arrival.
    /// </summary>
    /// <returns>1 when deleted, 0 when no instance had this id.</returns>
    public async Task<int> PurgeInAnyStateAsync(string instanceId, CancellationToken cancellation) =>
        await GetInstancesAsync(instanceId, false, cancellation) is null ? 0 : await DeleteInstanceAsync(instanceId, cancellation);

    /// <inheritdoc />
    /// <remarks>
    /// Ended instances only. Reads and deletes a page of <see cref="PurgeBatchSize"/> at a time, so memory
    /// stays bounded; with <see cref="PurgeInstancesFilter.Timeout"/> it stops after that long and says
    /// <see cref="PurgeResult.IsComplete"/> false, to be called again.
    /// </remarks>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses?.Any() == true ? filter.Statuses : Enum.GetValues<OrchestrationRuntimeStatus>()).Where(s => s.IsTerminal()).ToList();
        var query = Filter(filter.CreatedFrom, filter.CreatedTo, statuses, null, null);
        var clock = Stopwatch.StartNew();
        var purged = 0;
        while (true)
        {
            // Each round reads the first page afresh: what was purged is gone from it.
            var ids = new List<string>();
            await foreach (var page in _hub.Instances.QueryAsync<TableEntity>(query, PurgeBatchSize, ["PartitionKey"], cancellation).AsPages(pageSizeHint: PurgeBatchSize))
            {
                ids.AddRange(page.Values.Select(r => r.PartitionKey));
                break;
            }

            if (ids.Count == 0)
            {
                return new PurgeResult(purged, isComplete: true);
            }

            var purgedThisRound = 0;
            foreach (var id in ids)
            {
                if (filter.Timeout is { } budget && clock.Elapsed >= budget)
                {
                    return new PurgeResult(purged, isComplete: false);
                }

                var metadata = await GetInstancesAsync(id, false, cancellation);
                if (metadata is { IsCompleted: true })
                {
                    purgedThisRound += await DeleteInstanceAsync(id, cancellation);
                }
            }

            purged += purgedThisRound;
            if (purgedThisRound == 0)
            {
                // Everything left in the index was restarted since it was read: nothing more to purge now.
                return new PurgeResult(purged, isComplete: true);
            }
        }
    }

    /// <summary>Every partition with its owner, queue length and next timer.</summary>
    public async Task<IReadOnlyList<PartitionInfo>> GetPartitionsAsync(CancellationToken cancellationToken)
    {
        var owners = await new PartitionLeaseStore(_hub).ReadOwnersAsync(cancellationToken);
        var partitions = new List<PartitionInfo>();
        for (var i = 0; i < _hub.Options.PartitionCount; i++)
        {
            var owned = owners.TryGetValue(i, out var owner);
            try
            {
                var properties = (await _hub.ControlQueues[i].GetPropertiesAsync(cancellationToken)).Value;
                var next = (await _hub.TimerRows.EarliestAsync(i, 1, cancellationToken)).FirstOrDefault();
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

    /// <summary>Messages parked in the poison queue (up to 32).</summary>
    public async Task<IReadOnlyList<(string PoisonId, PoisonMessage Message)>> GetPoisonMessagesAsync(CancellationToken cancellationToken)
    {
        var peeked = (await _hub.PoisonQueue.PeekMessagesAsync(32, cancellationToken)).Value;
        return [.. peeked.Select(p => (p.MessageId, JsonSerializer.Deserialize<PoisonMessage>(p.Body.ToString(), PayloadConverter.Options)!))];
    }

    /// <summary>Puts a poison message back on its control queue, for another try.</summary>
    /// <returns>False when no poison message has this id.</returns>
    public async Task<bool> ReplayPoisonMessageAsync(string poisonId, CancellationToken cancellationToken) =>
        await TakePoisonAsync(poisonId, poison => _hub.ControlQueues[poison.Partition].SendMessageAsync(poison.Body, cancellationToken), cancellationToken);

    /// <summary>Deletes a poison message for good.</summary>
    /// <returns>False when no poison message has this id.</returns>
    public Task<bool> DiscardPoisonMessageAsync(string poisonId, CancellationToken cancellationToken) =>
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
                await then(JsonSerializer.Deserialize<PoisonMessage>(message.Body.ToString(), PayloadConverter.Options)!);
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

    /// <summary>Deletes an instance's history rows, payload blobs and index row.</summary>
    private async Task<int> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var row in _hub.History.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }

        foreach (var batch in keys.Chunk(100))
        {
            await _hub.History.SubmitTransactionAsync(batch.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, rk), ETag.All)), cancellationToken);
        }

        await _hub.Payloads.DeletePrefixAsync(PayloadStore.BlobPrefix(instanceId), cancellationToken);
        try
        {
            await _hub.Instances.DeleteEntityAsync(instanceId, string.Empty, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // A sub-orchestration that never had an index row, or purged concurrently.
        }

        return 1;
    }

    private static string? Filter(DateTimeOffset? from, DateTimeOffset? to, IEnumerable<OrchestrationRuntimeStatus>? statuses, string? prefix, string? name)
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

        if (statuses?.ToList() is { Count: > 0 } listed)
        {
            // The engine stores the moment between ContinueAsNew and the next start under the SDK's old
            // ContinuedAsNew value; clients know it as Running.
            var stored = listed.Contains(OrchestrationRuntimeStatus.Running) ? [.. listed, RuntimeStatus.BetweenExecutions] : listed;
            parts.Add("(" + string.Join(" or ", stored.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))) + ")");
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
