using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Storage.Warnings;

/// <summary>
/// The warnings, in one table: open ones in one partition, answered ones in another, so the list credit staff
/// watch all day is one short partition read. Each row holds the whole warning as JSON beside the columns a
/// query filters on.
/// </summary>
public sealed class WarningStore(TableClient table)
{
    private const string Open = "open";
    private const string Answered = "answered";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    internal TableClient Table => table;

    /// <summary>Stores a warning unless one with its id exists (open or answered); returns the stored one.</summary>
    public async Task<WarningRecord> AddOnceAsync(WarningRecord warning, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warning);
        if (await GetAsync(warning.Id, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            var response = await table.AddEntityAsync(ToEntity(Open, warning), cancellationToken);
            return warning with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync(warning.Id, cancellationToken))!;
        }
    }

    /// <summary>The warning, open or answered, or null.</summary>
    public async Task<WarningRecord?> GetAsync(string warningId, CancellationToken cancellationToken = default)
    {
        var key = TableKeys.Check(warningId, nameof(warningId));
        foreach (var partition in new[] { Open, Answered })
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
            if (response.HasValue)
            {
                return ToWarning(response.Value!);
            }
        }

        return null;
    }

    /// <summary>Open warnings (or, with <paramref name="answered"/>, answered ones, at most 500), optionally one customer's; most severe first, then oldest.</summary>
    public async Task<IReadOnlyList<WarningRecord>> ListAsync(bool answered = false, string? customerId = null, CancellationToken cancellationToken = default)
    {
        var filter = $"PartitionKey eq '{(answered ? Answered : Open)}'" + (customerId is null ? string.Empty : $" and CustomerId eq {TableKeys.Quote(customerId)}");
        var result = new List<WarningRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(ToWarning(entity));
            if (answered && result.Count == 500)
            {
                break;
            }
        }

        return result.OrderByDescending(w => w.Level).ThenBy(w => w.RaisedAt).ThenBy(w => w.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Saves a reminder or an escalation of an open warning, under the ETag it was read with.</summary>
    /// <exception cref="ConcurrencyConflictException">It changed, or was answered, since it was read.</exception>
    public async Task<WarningRecord> UpdateOpenAsync(WarningRecord warning, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warning);
        if (!warning.IsOpen || warning.ETag is null)
        {
            throw new InvalidOperationException($"Warning '{warning.Id}' is not an open warning read from storage.");
        }

        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(Open, warning), new ETag(warning.ETag), TableUpdateMode.Replace, cancellationToken);
            return warning with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw StorageErrors.Conflict("warning", warning.Id, e);
        }
    }

    /// <summary>Answers an open warning: moved to the answered partition (added there first, so a crash between leaves it answered).</summary>
    /// <exception cref="ConcurrencyConflictException">It changed, or was answered, since it was read.</exception>
    public async Task<WarningRecord> AnswerAsync(WarningRecord warning, WarningAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warning);
        ArgumentNullException.ThrowIfNull(answer);
        if (!warning.IsOpen || warning.ETag is null)
        {
            throw new InvalidOperationException($"Warning '{warning.Id}' is not an open warning read from storage.");
        }

        var answered = warning with { Answer = answer, ETag = null };
        try
        {
            await table.AddEntityAsync(ToEntity(Answered, answered), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw StorageErrors.Conflict("warning", warning.Id, e);
        }

        try
        {
            await table.DeleteEntityAsync(Open, warning.Id, new ETag(warning.ETag), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Reminded or escalated meanwhile: the answer stands, the stale open row goes.
            await table.DeleteEntityAsync(Open, warning.Id, ETag.All, cancellationToken);
        }

        return answered;
    }

    private static TableEntity ToEntity(string partition, WarningRecord w) => new(partition, TableKeys.Check(w.Id, "warningId"))
    {
        ["CustomerId"] = w.CustomerId,
        ["Level"] = w.Level.ToString(),
        ["Json"] = JsonSerializer.Serialize(w with { ETag = null }, Json),
    };

    private static WarningRecord ToWarning(TableEntity e) =>
        JsonSerializer.Deserialize<WarningRecord>(e.GetString("Json"), Json)! with { ETag = e.ETag.ToString() };
}
