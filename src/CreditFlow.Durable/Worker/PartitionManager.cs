using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CreditFlow.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable.Worker;

/// <summary>
/// Holds this worker's fair share of partitions through renewable blob leases. Live workers
/// announce themselves with a heartbeat blob; each takes free partitions up to
/// its share of partitions / live workers and gives back any above it, so ownership rebalances as
/// workers join and leave. A killed worker's leases expire and are taken over.
/// </summary>
internal sealed partial class PartitionManager(CreditFlowDurableTaskWorker worker, TaskHub hub)
{
    private const string HeartbeatKey = "heartbeatticks";
    private readonly string _leaseId = Guid.NewGuid().ToString();

    /// <summary>Names this worker in lease metadata and the monitor: machine, process and a random tag.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    private TimeSpan Duration => hub.Options.PartitionLeaseDuration;

    /// <summary>Renewal and rebalancing period: well inside the lease, at most 5 s.</summary>
    public TimeSpan Interval => Duration / 3 < TimeSpan.FromSeconds(5) ? Duration / 3 : TimeSpan.FromSeconds(5);

    /// <summary>Test hook: a frozen manager neither renews nor rebalances, as if its process hung.</summary>
    internal volatile bool Frozen;

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!Frozen)
                {
                    await BalanceOnceAsync(stopping);
                }

                await Task.Delay(Interval, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException)
            {
                Log.BalanceFailed(worker.Logger, e);
                await Task.Delay(Interval, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Heartbeat, renew what is owned, then take or give partitions towards a fair share.</summary>
    public async Task BalanceOnceAsync(CancellationToken cancellationToken)
    {
        await HeartbeatAsync(cancellationToken);
        var live = await LiveWorkersAsync(cancellationToken);
        foreach (var partition in worker.OwnedPartitions())
        {
            await RenewAsync(partition, cancellationToken);
        }

        // Every worker sees the same sorted list of live workers, so their targets add up to the
        // partition count: the first (partitions mod workers) take one more than the rest.
        var rank = live.IndexOf(WorkerId);
        var count = hub.Options.PartitionCount;
        var target = (count / live.Count) + (rank < count % live.Count ? 1 : 0);
        var owned = worker.OwnedPartitions();
        foreach (var extra in owned.OrderByDescending(p => p).Take(Math.Max(0, owned.Count - target)))
        {
            await ReleaseAsync(extra);
        }

        if (owned.Count >= target)
        {
            return;
        }

        var wanted = target - owned.Count;
        await foreach (var blob in hub.Leases.GetBlobsAsync(BlobTraits.None, BlobStates.None, "partition-", cancellationToken))
        {
            if (wanted == 0)
            {
                break;
            }

            var index = int.Parse(blob.Name["partition-".Length..], CultureInfo.InvariantCulture);
            if (index < hub.Options.PartitionCount && !owned.Contains(index)
                && blob.Properties.LeaseState is not LeaseState.Leased && await TryAcquireAsync(index, cancellationToken))
            {
                wanted--;
            }
        }
    }

    /// <summary>Gives every owned partition back at once (clean shutdown).</summary>
    /// <param name="giveBackMessages">False after a crash: held messages then reappear only when their invisibility runs out.</param>
    public async Task ReleaseAllAsync(bool giveBackMessages = true)
    {
        foreach (var partition in worker.OwnedPartitions())
        {
            await ReleaseAsync(partition, giveBackMessages);
        }

        try
        {
            await hub.Leases.DeleteBlobIfExistsAsync($"workers/{WorkerId}");
        }
        catch (RequestFailedException)
        {
            // Its heartbeat simply goes stale.
        }
    }

    private async Task<bool> TryAcquireAsync(int partition, CancellationToken cancellationToken)
    {
        var blob = hub.Leases.GetBlobClient(PartitionLeaseStore.BlobName(partition));
        try
        {
            await blob.GetBlobLeaseClient(_leaseId).AcquireAsync(Duration, cancellationToken: cancellationToken);
            var validUntil = DateTime.UtcNow + Duration;
            await StampAsync(partition, cancellationToken);
            worker.AcquirePartition(partition, validUntil);
            Log.Acquired(worker.Logger, partition, WorkerId);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false; // someone was faster
        }
    }

    private async Task RenewAsync(int partition, CancellationToken cancellationToken)
    {
        var blob = hub.Leases.GetBlobClient(PartitionLeaseStore.BlobName(partition));
        try
        {
            var validUntil = DateTime.UtcNow + Duration;
            await blob.GetBlobLeaseClient(_leaseId).RenewAsync(cancellationToken: cancellationToken);
            worker.LeaseRenewed(partition, validUntil);
            await StampAsync(partition, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            Log.Lost(worker.Logger, partition, WorkerId);
            await worker.LosePartitionAsync(partition);
        }
    }

    private async Task ReleaseAsync(int partition, bool giveBackMessages = true)
    {
        await worker.LosePartitionAsync(partition, giveBackMessages);
        try
        {
            await hub.Leases.GetBlobClient(PartitionLeaseStore.BlobName(partition)).GetBlobLeaseClient(_leaseId).ReleaseAsync();
            Log.Released(worker.Logger, partition, WorkerId);
        }
        catch (RequestFailedException)
        {
            // Already expired or taken: nothing to give back.
        }
    }

    private Task StampAsync(int partition, CancellationToken cancellationToken) =>
        hub.Leases.GetBlobClient(PartitionLeaseStore.BlobName(partition)).SetMetadataAsync(
            new Dictionary<string, string>
            {
                [PartitionLeaseStore.OwnerKey] = WorkerId,
                [PartitionLeaseStore.RenewedKey] = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture),
                [PartitionLeaseStore.DurationKey] = ((int)Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            },
            new BlobRequestConditions { LeaseId = _leaseId },
            cancellationToken);

    private Task HeartbeatAsync(CancellationToken cancellationToken) =>
        hub.Leases.GetBlobClient($"workers/{WorkerId}").UploadAsync(
            BinaryData.Empty,
            new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = new Dictionary<string, string> { [HeartbeatKey] = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture) } },
            cancellationToken);

    /// <summary>Ids of the workers whose heartbeat is younger than a lease, sorted; stale heartbeats are removed.</summary>
    private async Task<List<string>> LiveWorkersAsync(CancellationToken cancellationToken)
    {
        var live = new List<string>();
        await foreach (var blob in hub.Leases.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, "workers/", cancellationToken))
        {
            var beat = blob.Metadata.TryGetValue(HeartbeatKey, out var ticks) ? new DateTime(long.Parse(ticks, CultureInfo.InvariantCulture), DateTimeKind.Utc) : DateTime.MinValue;
            var age = DateTime.UtcNow - beat;
            if (age <= Duration)
            {
                live.Add(blob.Name["workers/".Length..]);
            }
            else if (age > Duration * 10)
            {
                await hub.Leases.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
            }
        }

        if (!live.Contains(WorkerId))
        {
            live.Add(WorkerId);
        }

        live.Sort(StringComparer.Ordinal);
        return live;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Partition {Partition} acquired by {WorkerId}.")]
        public static partial void Acquired(ILogger logger, int partition, string workerId);

        [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Partition {Partition} released by {WorkerId}.")]
        public static partial void Released(ILogger logger, int partition, string workerId);

        [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Partition {Partition} lost by {WorkerId}: its lease was taken or expired.")]
        public static partial void Lost(ILogger logger, int partition, string workerId);

        [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Partition balancing failed; retrying.")]
        public static partial void BalanceFailed(ILogger logger, Exception exception);
    }
}
