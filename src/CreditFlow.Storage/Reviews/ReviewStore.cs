using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;

namespace CreditFlow.Storage.Reviews;

/// <summary>
/// The re-reviews, in one table: each customer's reviews in its own partition (row <c>review|{cycle}</c>), and every
/// customer's schedule in the partition <c>schedule</c>, so the reviews due are one partition read.
/// </summary>
public sealed class ReviewStore(TableClient table)
{
    private const string Schedule = "schedule";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    internal TableClient Table => table;

    /// <summary>Stores a review unless its cycle is stored; returns the stored one.</summary>
    public async Task<ReviewRecord> AddOnceAsync(ReviewRecord review, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        try
        {
            await table.AddEntityAsync(ToEntity(review), cancellationToken);
            return review;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync(review.CustomerId, review.Cycle, cancellationToken))!;
        }
    }

    /// <summary>Replaces a stored review (its outcome once decided).</summary>
    public Task SaveAsync(ReviewRecord review, CancellationToken cancellationToken = default) =>
        table.UpsertEntityAsync(ToEntity(review ?? throw new ArgumentNullException(nameof(review))), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The review, or null.</summary>
    public async Task<ReviewRecord?> GetAsync(string customerId, int cycle, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Check(customerId, nameof(customerId)), Key(cycle), cancellationToken: cancellationToken);
        return response.HasValue ? ToReview(response.Value!) : null;
    }

    /// <summary>The customer's reviews, oldest first.</summary>
    public async Task<IReadOnlyList<ReviewRecord>> ListAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var result = new List<ReviewRecord>();
        var partition = TableKeys.Quote(TableKeys.Check(customerId, nameof(customerId)));
        await foreach (var e in table.QueryAsync<TableEntity>($"PartitionKey eq {partition} and RowKey ge 'review|' and RowKey lt 'review}}'", cancellationToken: cancellationToken))
        {
            result.Add(ToReview(e));
        }

        return result.OrderBy(r => r.Cycle).ToList();
    }

    /// <summary>Sets the customer's schedule.</summary>
    public Task ScheduleAsync(ReviewSchedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return table.UpsertEntityAsync(
            new TableEntity(Schedule, TableKeys.Check(schedule.CustomerId, "customerId"))
            {
                ["NextReviewAt"] = schedule.NextReviewAt,
                ["LastCycle"] = schedule.LastCycle,
                ["AwaitingApproval"] = schedule.AwaitingApproval,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Every customer's schedule, soonest due first.</summary>
    public async Task<IReadOnlyList<ReviewSchedule>> SchedulesAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<ReviewSchedule>();
        await foreach (var e in table.QueryAsync<TableEntity>($"PartitionKey eq '{Schedule}'", cancellationToken: cancellationToken))
        {
            result.Add(new ReviewSchedule(e.RowKey, e.GetDateTimeOffset("NextReviewAt")!.Value, e.GetInt32("LastCycle") ?? 0, e.GetBoolean("AwaitingApproval") ?? false));
        }

        return result.OrderBy(s => s.NextReviewAt).ThenBy(s => s.CustomerId, StringComparer.Ordinal).ToList();
    }

    private static string Key(int cycle) => "review|" + cycle.ToString("D6", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(ReviewRecord r) => new(TableKeys.Check(r.CustomerId, "customerId"), Key(r.Cycle))
    {
        ["Json"] = JsonSerializer.Serialize(r, Json),
    };

    private static ReviewRecord ToReview(TableEntity e) => JsonSerializer.Deserialize<ReviewRecord>(e.GetString("Json"), Json)!;
}
