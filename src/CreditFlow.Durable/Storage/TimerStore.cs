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
/// delivers when due; it is deleted only after that message is committed.
/// </summary>
internal sealed class TimerStore(TaskHub hub)
{
    public static string PartitionKey(int partition) => partition.ToString("D2", CultureInfo.InvariantCulture);

    public static string RowKey(DateTime dueAt, string messageId) =>
        $"{dueAt.ToUniversalTime().Ticks:D19}_{Uri.EscapeDataString(messageId)}";

    /// <summary>Stores a timer; storing the same timer twice keeps one row.</summary>
    public async Task StoreAsync(int partition, DateTime dueAt, TaskMessage message, CancellationToken cancellationToken)
    {
        var row = new TableEntity(PartitionKey(partition), RowKey(dueAt, message.MessageId))
        {
            ["Message"] = JsonSerializer.Serialize(message, JsonDataConverter.Options),
        };
        await hub.Timers.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The earliest timers of a partition, due or not, in due order.</summary>
    public async Task<IReadOnlyList<StoredTimer>> EarliestAsync(int partition, int max, CancellationToken cancellationToken)
    {
        var pk = PartitionKey(partition);
        await foreach (var page in hub.Timers.QueryAsync<TableEntity>(e => e.PartitionKey == pk, maxPerPage: max, cancellationToken: cancellationToken).AsPages())
        {
            return [.. page.Values.Select(row => new StoredTimer(
                row.RowKey,
                new DateTime(long.Parse(row.RowKey[..19], CultureInfo.InvariantCulture), DateTimeKind.Utc),
                JsonSerializer.Deserialize<TaskMessage>(row.GetString("Message")!, JsonDataConverter.Options)!))];
        }

        return [];
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

/// <summary>A timer row: when it is due and what it delivers.</summary>
internal sealed record StoredTimer(string RowKey, DateTime DueAt, TaskMessage Message);
