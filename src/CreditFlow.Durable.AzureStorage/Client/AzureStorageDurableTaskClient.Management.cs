using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CreditFlow.Durable.Client;
using CreditFlow.Durable.Worker;
using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using AsyncPageable = Microsoft.DurableTask.AsyncPageable<Microsoft.DurableTask.Client.OrchestrationMetadata>;
using Page = Microsoft.DurableTask.Page<Microsoft.DurableTask.Client.OrchestrationMetadata>;
using SdkQuery = Microsoft.DurableTask.Client.OrchestrationQuery;

namespace CreditFlow.Durable.AzureStorage.Client;

/// <summary>Queries, purges, history, and what CreditFlow's extensions ask of an engine.</summary>
public sealed partial class AzureStorageDurableTaskClient : IEngineOperations
{
    private const string NoPoisonQueue =
        "Microsoft's engine (storageProvider.type AzureStorage) has no poison queue: a message that keeps failing stays on its control queue " +
        "and is retried (the engine logs it). Parking, replaying and discarding messages are CreditFlow-engine only.";

    /// <inheritdoc />
    public string EngineName => "AzureStorage";

    /// <inheritdoc />
    public bool HasPoisonQueue => false;

    /// <inheritdoc />
    /// <remarks>Pages come from the engine's Instances table; a page holds at most 1,000 instances.</remarks>
    public override AsyncPageable GetAllInstancesAsync(SdkQuery? filter = null)
    {
        filter ??= new SdkQuery();
        return Pageable.Create(async (string? continuation, int? size, CancellationToken cancellation) =>
        {
            var query = new CoreQuery
            {
                RuntimeStatus = filter.Statuses?.SelectMany(ToCoreStatuses).ToList(),
                CreatedTimeFrom = filter.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter.InstanceIdPrefix,
                PageSize = Math.Clamp(size ?? filter.PageSize, 1, 1000),
                ContinuationToken = continuation ?? filter.ContinuationToken,
                FetchInputsAndOutputs = filter.FetchInputsAndOutputs,
            };
            var result = await ((IOrchestrationServiceQueryClient)Service).GetOrchestrationWithQueryAsync(query, cancellation);
            return new Page([.. result.OrchestrationState.Select(s => CoreConversions.ToMetadata(s, filter.FetchInputsAndOutputs))], result.ContinuationToken);
        });
    }

    /// <summary>Running, as clients know it, includes the moment between a ContinueAsNew and the next start.</summary>
    private static IEnumerable<OrchestrationStatus> ToCoreStatuses(OrchestrationRuntimeStatus status) =>
        status == OrchestrationRuntimeStatus.Running
            ? [OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew]
            : [CoreConversions.ToCore(status)];

    /// <inheritdoc />
    /// <remarks>Only an instance that has ended is purged, as the SDK specifies; for one that has not, the result counts 0.</remarks>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var metadata = await GetInstancesAsync(instanceId, false, cancellation);
        return metadata is { IsCompleted: true } ? new PurgeResult(await PurgeInAnyStateAsync(instanceId, cancellation)) : new PurgeResult(0);
    }

    /// <inheritdoc />
    /// <remarks>Ended instances only, whatever statuses the filter lists.</remarks>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses?.Any() == true ? filter.Statuses : Enum.GetValues<OrchestrationRuntimeStatus>())
            .Where(s => s.IsEnded()).Select(CoreConversions.ToCore).ToList();
        var coreFilter = new PurgeInstanceFilter(filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, statuses) { Timeout = filter.Timeout };
        var result = await ((IOrchestrationServicePurgeClient)Service).PurgeInstanceStateAsync(coreFilter);
        return new PurgeResult(result.DeletedInstanceCount, result.IsComplete ?? true);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No instance has this id.</exception>
    public override async Task<IList<DurableTask.Core.History.HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        _ = await GetInstancesAsync(instanceId, false, cancellation) ?? throw NotFound(instanceId);
        return EngineHistory.Parse(await Service.GetOrchestrationHistoryAsync(instanceId, executionId: null));
    }

    /// <inheritdoc />
    public async Task<int> PurgeInAnyStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        var result = await ((IOrchestrationServicePurgeClient)Service).PurgeInstanceStateAsync(instanceId);
        return result.DeletedInstanceCount;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Owners come from the engine's partition table (table partition management, its default); with blob leases
    /// they are not shown. The engine keeps timers as invisible control-queue messages, so the next timer is unknown.
    /// </remarks>
    public async Task<IReadOnlyList<PartitionInfo>> GetPartitionsAsync(CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, (string? Owner, DateTime? ExpiresAt)>(StringComparer.OrdinalIgnoreCase);
        if (_hub.Options.UseTablePartitionManagement)
        {
            try
            {
                var table = new TableClient(_hub.ConnectionString, _hub.PartitionTableName);
                await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
                {
                    owners[row.RowKey] = (row.GetString("CurrentOwner"), row.GetDateTime("ExpiresAt"));
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // The task hub is not created yet: nobody owns anything.
            }
        }

        var partitions = new List<PartitionInfo>();
        for (var i = 0; i < _hub.Options.PartitionCount; i++)
        {
            var name = _hub.ControlQueueName(i);
            var owned = owners.TryGetValue(name, out var lease) && !string.IsNullOrEmpty(lease.Owner);
            int messages;
            try
            {
                messages = (await new QueueClient(_hub.ConnectionString, name).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                messages = 0;
            }

            partitions.Add(new PartitionInfo(i, owned ? lease.Owner : null, owned && lease.ExpiresAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null, messages, null));
        }

        return partitions;
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: this engine has no poison queue.</exception>
    public Task<IReadOnlyList<(string PoisonId, PoisonMessage Message)>> GetPoisonMessagesAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException(NoPoisonQueue);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: this engine has no poison queue.</exception>
    public Task<bool> ReplayPoisonMessageAsync(string poisonId, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NoPoisonQueue);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: this engine has no poison queue.</exception>
    public Task<bool> DiscardPoisonMessageAsync(string poisonId, CancellationToken cancellationToken) =>
        throw new NotSupportedException(NoPoisonQueue);
}
