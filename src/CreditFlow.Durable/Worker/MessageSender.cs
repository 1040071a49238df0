using System.Text.Json;
using CreditFlow.Durable.Execution;
using CreditFlow.Durable.Storage;

namespace CreditFlow.Durable.Worker;

/// <summary>
/// Sends messages to instances through their partition's control queue. When this process's worker
/// owns the partition, the message is enqueued invisible (so it is durable) and handed straight to
/// it: no poll, no second read.
/// </summary>
internal sealed class MessageSender(TaskHub hub, PayloadStore payloads)
{
    public async Task SendAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var partition = hub.PartitionOf(message.InstanceId);
        var json = JsonSerializer.Serialize(message, PayloadConverter.Options);
        var body = await payloads.ToQueueBodyAsync(json, $"{PayloadStore.BlobPrefix(message.InstanceId)}messages/{Uri.EscapeDataString(message.MessageId)}.json", cancellationToken);
        var queue = hub.ControlQueues[partition];
        if (hub.LocalWorker is { } worker && worker.OwnsPartition(partition))
        {
            var receipt = (await queue.SendMessageAsync(body, hub.Options.ControlQueueVisibilityTimeout, cancellationToken: cancellationToken)).Value;
            worker.DeliverLocal(message, new QueueAnchor(partition, receipt.MessageId)
            {
                PopReceipt = receipt.PopReceipt, InvisibleSince = DateTime.UtcNow, BodyBlob = PayloadStore.BlobOf(body),
            });
            return;
        }

        await queue.SendMessageAsync(body, cancellationToken);
    }
}
