using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Durable.Execution;

namespace CreditFlow.Durable.Storage;

/// <summary>
/// Durable timers: one row per timer in <c>&lt;hub&gt;Timers</c>, partitioned like the control
/// queues and ordered by due time, so "what is due now" and "when is the next one" are one range
/// query per partition, whatever the number of waiting timers. A row holds the message it
/// delivers when due; it is deleted only after that message is committed. A delivery that fails
/// is counted on the row and retried later, like a queue message's dequeue count.
/// </summary>
internal sealed class TimerStore(TaskHub hub, PayloadStore payloads)
{
    public static string PartitionKey(int partition) => partition.ToString("D2", CultureInfo.InvariantCulture);

    public static string RowKey(DateTime dueAt, string messageId) =>
        $"{dueAt.ToUniversalTime().Ticks:D19}_{Uri.EscapeDataString(messageId)}";

    /// <summary>Stores a timer; storing the same timer twice keeps one row.</summary>
    public async Task StoreAsync(int partition, DateTime dueAt, TaskMessage message, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(dueAt, message.MessageId);
        var row = new TableEntity(PartitionKey(partition), rowKey);

        // A scheduled start carries the instance's input, which may be larger than a table property.
        await payloads.SetAsync(row, "Message", JsonSerializer.Serialize(message, PayloadConverter.Options), $"{PayloadStore.BlobPrefix(message.InstanceId)}timers/{rowKey}.json", 1, cancellationToken);
        await hub.Timers.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The earliest timers of a partition, due or not, in due order.</summary>
    public async Task<IReadOnlyList<StoredTimer>> EarliestAsync(int partition, int max, CancellationToken cancellationToken)
    {
        var pk = PartitionKey(partition);
        await foreach (var page in hub.Timers.QueryAsync<TableEntity>(e => e.PartitionKey == pk, maxPerPage: max, cancellationToken: cancellationToken).AsPages())
        {
            var timers = new List<StoredTimer>(page.Values.Count);
            foreach (var row in page.Values)
            {
                timers.Add(new StoredTimer(
                    row.RowKey,
                    new DateTime(long.Parse(row.RowKey[..19], CultureInfo.InvariantCulture), DateTimeKind.Utc),
                    JsonSerializer.Deserialize<TaskMessage>((await payloads.GetAsync(row, "Message", cancellationToken))!, PayloadConverter.Options)!,
                    row.GetInt32("Attempts") ?? 0,
                    row.GetDateTime("RetryAt") is { } retryAt ? DateTime.SpecifyKind(retryAt, DateTimeKind.Utc) : null,
                    row.GetString("MessageBlob")));
            }

            return timers;
        }

        return [];
    }

    /// <summary>Counts a failed delivery on the timer's row and sets when it may be tried again.</summary>
    public async Task RecordFailureAsync(int partition, string rowKey, int attempts, DateTime retryAt, string error, CancellationToken cancellationToken)
    {
        var row = new TableEntity(PartitionKey(partition), rowKey)
        {
            ["Attempts"] = attempts,
            ["RetryAt"] = DateTime.SpecifyKind(retryAt, DateTimeKind.Utc),
            ["LastError"] = History.FailureDetails.Bound(error, 2_000),
        };
        try
        {
            await hub.Timers.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Delivered and deleted meanwhile.
        }
    }

    /// <summary>Removes a fired timer once its message is committed.</summary>
    public async Task DeleteAsync(int partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Timers.DeleteEntityAsync(PartitionKey(partition), rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Deleted by an earlier attempt.
        }
    }
}

/// <summary>A timer row: when it is due, what it delivers, and how often its delivery failed.</summary>
/// <param name="RetryAt">After a failed delivery: not before this (business time).</param>
/// <param name="MessageBlob">The blob holding a large message, deleted with the row.</param>
internal sealed record StoredTimer(string RowKey, DateTime DueAt, TaskMessage Message, int Attempts = 0, DateTime? RetryAt = null, string? MessageBlob = null);
