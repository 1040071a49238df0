using System.IO.Hashing;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CreditFlow.Durable.Tracing;
using CreditFlow.Durable.Worker;

namespace CreditFlow.Durable.Storage;

/// <summary>
/// The storage of one task hub: its tables, queues and containers, all named after the hub.
/// </summary>
/// <remarks>
/// <c>&lt;hub&gt;Instances</c> (one row per instance, for queries), <c>&lt;hub&gt;History</c>
/// (per instance: history chunks, a sentinel row with the authoritative status and ETag guard, and
/// the outbox row), <c>&lt;hub&gt;Timers</c> (due time ordered, per partition), queues
/// <c>&lt;hub&gt;-control-NN</c> and <c>&lt;hub&gt;-poison</c>, containers <c>&lt;hub&gt;-payloads</c>
/// and <c>&lt;hub&gt;-leases</c>.
/// </remarks>
public sealed class TaskHub
{
    /// <summary>Creates the clients of a task hub; nothing is sent to storage until used.</summary>
    public TaskHub(string connectionString, DurableTaskOptions options)
    {
        Options = options;
        var hub = options.HubName;
        var lowerHub = hub.ToLowerInvariant();
        Tables = new TableServiceClient(connectionString, Configure(new TableClientOptions(), "table"));
        Queues = new QueueServiceClient(connectionString, Configure(new QueueClientOptions(), "queue"));
        Blobs = new BlobServiceClient(connectionString, Configure(new BlobClientOptions(), "blob"));
        Instances = Tables.GetTableClient($"{hub}Instances");
        History = Tables.GetTableClient($"{hub}History");
        Timers = Tables.GetTableClient($"{hub}Timers");
        ControlQueues = [.. Enumerable.Range(0, options.PartitionCount).Select(i => Queues.GetQueueClient($"{lowerHub}-control-{i:D2}"))];
        PoisonQueue = Queues.GetQueueClient($"{lowerHub}-poison");
        PayloadBlobs = Blobs.GetBlobContainerClient($"{lowerHub}-payloads");
        Leases = Blobs.GetBlobContainerClient($"{lowerHub}-leases");
        Payloads = new PayloadStore(this);
        Store = new InstanceStore(this, Payloads);
        TimerRows = new TimerStore(this, Payloads);
        Sender = new MessageSender(this, Payloads);
    }

    /// <summary>The runtime settings this hub runs with.</summary>
    public DurableTaskOptions Options { get; }

    /// <summary>Counts every storage request of this hub's clients.</summary>
    public StorageRequestCounter RequestCounter { get; } = new();

    internal TableServiceClient Tables { get; }

    internal QueueServiceClient Queues { get; }

    internal BlobServiceClient Blobs { get; }

    internal TableClient Instances { get; }

    internal TableClient History { get; }

    internal TableClient Timers { get; }

    internal IReadOnlyList<QueueClient> ControlQueues { get; }

    internal QueueClient PoisonQueue { get; }

    internal BlobContainerClient PayloadBlobs { get; }

    internal BlobContainerClient Leases { get; }

    /// <summary>Values past the table and queue limits, as blobs.</summary>
    internal PayloadStore Payloads { get; }

    /// <summary>Instances: load, checkpoint, status, index.</summary>
    internal InstanceStore Store { get; }

    /// <summary>Durable timers.</summary>
    internal TimerStore TimerRows { get; }

    /// <summary>Messages to instances, handed to the local worker when it owns their partition.</summary>
    internal MessageSender Sender { get; }

    /// <summary>Committed changes, for local waiters (the client's wait-for-start and -completion).</summary>
    internal Worker.InstanceNotifier Notifier { get; } = new();

    /// <summary>The worker of this process on this hub, once it has started; null in a client-only process.</summary>
    internal Worker.CreditFlowDurableTaskWorker? LocalWorker { get; set; }

    /// <summary>The partition an instance belongs to: a stable hash of its id, the same in every process.</summary>
    public int PartitionOf(string instanceId) =>
        (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(instanceId)) % (uint)Options.PartitionCount);

    /// <summary>Creates whatever of the hub does not exist yet, and checks the partition count it was created with.</summary>
    /// <exception cref="InvalidOperationException">The hub exists with a different partition count.</exception>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            Instances.CreateIfNotExistsAsync(cancellationToken),
            History.CreateIfNotExistsAsync(cancellationToken),
            Timers.CreateIfNotExistsAsync(cancellationToken),
            PoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            PayloadBlobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Leases.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        await Task.WhenAll(ControlQueues.Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await CheckPartitionCountAsync(cancellationToken);
        await Task.WhenAll(Enumerable.Range(0, Options.PartitionCount).Select(async i =>
        {
            try
            {
                await Leases.GetBlobClient(PartitionLeaseStore.BlobName(i)).UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Exists (possibly leased by another worker).
            }
        }));
    }

    private async Task CheckPartitionCountAsync(CancellationToken cancellationToken)
    {
        var blob = Leases.GetBlobClient("taskhub.json");
        var mine = $$"""{"partitionCount":{{Options.PartitionCount}}}""";
        try
        {
            await blob.UploadAsync(BinaryData.FromString(mine), overwrite: false, cancellationToken);
            return;
        }
        catch (RequestFailedException e) when (e.Status is 409)
        {
            // The hub exists: its partition count is fixed.
        }

        var existing = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        if (existing != mine)
        {
            throw new InvalidOperationException(
                $"Task hub '{Options.HubName}' was created with {existing} but host.json asks for partitionCount {Options.PartitionCount}. " +
                "The partition count of a task hub cannot change: restore the original value or use a new hubName.");
        }
    }

    /// <summary>Deletes every table, queue and container of the hub (tests and benchmarks).</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            Instances.DeleteAsync(cancellationToken),
            History.DeleteAsync(cancellationToken),
            Timers.DeleteAsync(cancellationToken),
            PoisonQueue.DeleteIfExistsAsync(cancellationToken),
            PayloadBlobs.DeleteIfExistsAsync(cancellationToken: cancellationToken),
            Leases.DeleteIfExistsAsync(cancellationToken: cancellationToken));
        await Task.WhenAll(ControlQueues.Select(q => q.DeleteIfExistsAsync(cancellationToken)));
    }

    private T Configure<T>(T options, string service)
        where T : ClientOptions
    {
        options.AddPolicy(RequestCounter, HttpPipelinePosition.PerRetry);
        options.AddPolicy(new StorageRequestMetric(service, Options.HubName), HttpPipelinePosition.PerRetry);
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }
}
