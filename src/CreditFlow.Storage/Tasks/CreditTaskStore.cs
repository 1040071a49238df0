using Azure;
using Azure.Data.Tables;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Storage.Tasks;

/// <summary>The tasks for people, in one table: open ones in one partition, completed ones moved to another.</summary>
/// <remarks>
/// The open partition stays as small as the work on hand, so the list people look at all day is one
/// short partition read however many tasks were ever done.
/// </remarks>
public sealed class CreditTaskStore(TableClient table)
{
    private const string Open = "open";
    private const string Done = "done";

    internal TableClient Table => table;

    /// <summary>Stores a task unless one with its id exists (open or done); returns the stored one.</summary>
    public async Task<CreditTask> AddOnceAsync(CreditTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (await GetAsync(task.Id, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            var response = await table.AddEntityAsync(ToEntity(Open, task), cancellationToken);
            return task with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync(task.Id, cancellationToken))!;
        }
    }

    /// <summary>The task, open or done, or null.</summary>
    public async Task<CreditTask?> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var key = TableKeys.Check(taskId, nameof(taskId));
        foreach (var partition in new[] { Open, Done })
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
            if (response.HasValue)
            {
                return ToTask(response.Value!);
            }
        }

        return null;
    }

    /// <summary>Open tasks (or, with <paramref name="completed"/>, done ones, at most 500), optionally only a role's or a customer's.</summary>
    public async Task<IReadOnlyList<CreditTask>> ListAsync(bool completed = false, CreditRole? role = null, string? customerId = null, CancellationToken cancellationToken = default)
    {
        var result = new List<CreditTask>();
        await foreach (var entity in table.QueryAsync<TableEntity>($"PartitionKey eq '{(completed ? Done : Open)}'", cancellationToken: cancellationToken))
        {
            var task = ToTask(entity);
            if ((role is null || task.OwnerRole == role) && (customerId is null || task.CustomerId == customerId))
            {
                result.Add(task);
            }

            if (completed && result.Count == 500)
            {
                break;
            }
        }

        return result.OrderBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Completes an open task with its outcome: added to the done partition and removed from the open one in one transaction.</summary>
    /// <exception cref="ConcurrencyConflictException">It changed or was completed since it was read.</exception>
    public async Task<CreditTask> CompleteAsync(CreditTask task, string outcome, string completedBy, DateTimeOffset completedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        if (!task.IsOpen || task.ETag is null)
        {
            throw new InvalidOperationException($"Task '{task.Id}' is not an open task read from storage.");
        }

        var done = task with { Outcome = outcome, CompletedBy = completedBy, CompletedAt = completedAt };

        // Different partitions cannot share a transaction: add the done row first, so a crash between the two
        // writes leaves the task done (GetAsync looks there second) and the open row is removed by the retry.
        try
        {
            await table.AddEntityAsync(ToEntity(Done, done), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw StorageErrors.Conflict("task", task.Id, e);
        }

        try
        {
            await table.DeleteEntityAsync(Open, task.Id, new ETag(task.ETag), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        return done with { ETag = null };
    }

    /// <summary>Marks an open task as escalated at <paramref name="at"/>, under the ETag it was read with.</summary>
    /// <exception cref="ConcurrencyConflictException">It changed, or was completed, since it was read.</exception>
    public async Task<CreditTask> MarkEscalatedAsync(CreditTask task, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.IsOpen || task.ETag is null)
        {
            throw new InvalidOperationException($"Task '{task.Id}' is not an open task read from storage.");
        }

        try
        {
            var escalated = task with { EscalatedAt = at };
            var response = await table.UpdateEntityAsync(ToEntity(Open, escalated), new ETag(task.ETag), TableUpdateMode.Replace, cancellationToken);
            return escalated with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw StorageErrors.Conflict("task", task.Id, e);
        }
    }

    private static TableEntity ToEntity(string partition, CreditTask t) => new(partition, TableKeys.Check(t.Id, "taskId"))
    {
        ["Title"] = t.Title,
        ["OwnerRole"] = t.OwnerRole.ToString(),
        ["CustomerId"] = t.CustomerId,
        ["InvoiceId"] = t.InvoiceId,
        ["CreatedAt"] = t.CreatedAt,
        ["DueAt"] = t.DueAt,
        ["Outcome"] = t.Outcome,
        ["CompletedBy"] = t.CompletedBy,
        ["CompletedAt"] = t.CompletedAt,
        ["EscalatedAt"] = t.EscalatedAt,
    };

    private static CreditTask ToTask(TableEntity e) => new(
        e.RowKey,
        e.GetString("Title") ?? string.Empty,
        Enum.Parse<CreditRole>(e.GetString("OwnerRole") ?? nameof(CreditRole.CreditOfficer)),
        e.GetString("CustomerId") ?? string.Empty,
        e.GetString("InvoiceId"),
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("DueAt") ?? default,
        e.GetString("Outcome"),
        e.GetString("CompletedBy"),
        e.GetDateTimeOffset("CompletedAt"),
        e.PartitionKey == Open ? e.ETag.ToString() : null,
        e.GetDateTimeOffset("EscalatedAt"));
}
