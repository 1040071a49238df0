using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// The worklist of holds, table <c>{prefix}Holds</c>: one row per hold in a single partition, so
/// the list with its filters is one query. A hold row is added by the webhook that held the order
/// (not started), marked started once its workflow runs, and updated once more when the hold ends.
/// </summary>
public sealed class HoldRepository
{
    private const string Partition = "hold";

    // False from the webhook's write until the hold's workflow is known to run; absent on older rows (started).
    private const string StartedColumn = "Started";
    private readonly TableClient _table;

    internal HoldRepository(TableClient table) => _table = table;

    internal TableClient Table => _table;

    /// <summary>
    /// Adds the hold as not started yet. The webhook writes it before it commits the hold to the
    /// ledger, so a crash before the hold's workflow starts leaves a row that <see cref="ListUnstartedAsync"/>
    /// finds. A second add of the same hold is ignored (a retried or raced webhook).
    /// </summary>
    public async Task AddUnstartedAsync(HoldRecord hold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var entity = ToEntity(hold);
        entity[StartedColumn] = false;
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already on the worklist.
        }
    }

    /// <summary>
    /// Marks the hold's workflow started and writes what the ledger committed (a retried decision may
    /// have changed the reasons); leaves how it ended alone, in case the workflow already closed it.
    /// </summary>
    public async Task MarkStartedAsync(HoldRecord hold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var entity = ToEntity(hold);
        foreach (var outcome in (string[])["Status", "DecidedAt", "DecidedBy", "Comment", "HeldAt"])
        {
            entity.Remove(outcome);
        }

        entity[StartedColumn] = true;
        try
        {
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // A sweep that read the ledger just before the commit removed it: put it back, started.
            var whole = ToEntity(hold);
            whole[StartedColumn] = true;
            await _table.UpsertEntityAsync(whole, TableUpdateMode.Merge, cancellationToken);
        }
    }

    /// <summary>How many holds are open (started or not): one query over the worklist's partition that reads only keys.</summary>
    public async Task<long> CountOpenAsync(CancellationToken cancellationToken = default)
    {
        long open = 0;
        var filter = $"PartitionKey eq '{Partition}' and Status eq '{HoldStatus.Open}'";
        await foreach (var _ in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            open++;
        }

        return open;
    }

    /// <summary>Holds added before <paramref name="heldBefore"/> whose workflow is not known to have started, oldest first.</summary>
    public async Task<IReadOnlyList<UnstartedHold>> ListUnstartedAsync(DateTimeOffset heldBefore, CancellationToken cancellationToken = default)
    {
        var filter = $"PartitionKey eq '{Partition}' and {StartedColumn} eq false and HeldAt le datetime'{Timestamp(heldBefore)}'";
        var result = new List<UnstartedHold>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(new UnstartedHold(ToHold(entity), entity.ETag.ToString()));
        }

        return result.OrderBy(h => h.Hold.HeldAt).ToArray();
    }

    /// <summary>The hold, with its ETag, while its workflow is not known to have started; otherwise null.</summary>
    public async Task<UnstartedHold?> GetUnstartedAsync(string holdId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Check(holdId, nameof(holdId)), cancellationToken: cancellationToken);
        return response.HasValue && response.Value!.GetBoolean(StartedColumn) == false
            ? new UnstartedHold(ToHold(response.Value), response.Value.ETag.ToString())
            : null;
    }

    /// <summary>Removes a hold the ledger never committed, unless the row changed since it was listed.</summary>
    public async Task DeleteUnstartedAsync(UnstartedHold hold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hold);
        try
        {
            await _table.DeleteEntityAsync(Partition, hold.Hold.HoldId, new ETag(hold.ETag), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone already, or started meanwhile.
        }
    }

    /// <summary>The hold, or null.</summary>
    public async Task<HoldRecord?> GetAsync(string holdId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Check(holdId, nameof(holdId)), cancellationToken: cancellationToken);
        return response.HasValue ? ToHold(response.Value!) : null;
    }

    /// <summary>Records how the hold ended; repeating it with the same outcome changes nothing.</summary>
    public async Task CloseAsync(string holdId, HoldStatus status, DateTimeOffset decidedAt, string decidedBy, string comment, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(Partition, TableKeys.Check(holdId, nameof(holdId)))
        {
            ["Status"] = status.ToString(),
            ["DecidedAt"] = decidedAt,
            ["DecidedBy"] = decidedBy,
            ["Comment"] = comment,

            // Only a started workflow closes a hold.
            [StartedColumn] = true,
        };
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>The holds matching <paramref name="query"/>, oldest first.</summary>
    public async Task<IReadOnlyList<HoldRecord>> ListAsync(HoldQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = $"PartitionKey eq '{Partition}'";
        if (query.Status is { } status)
        {
            filter += $" and Status eq '{status}'";
        }

        if (query.CustomerId is { } customer)
        {
            filter += $" and CustomerId eq {TableKeys.Quote(customer)}";
        }

        if (query.ApproverRole is { } role)
        {
            filter += $" and ApproverRole eq '{role}'";
        }

        if (query.HeldBefore is { } before)
        {
            filter += $" and HeldAt le datetime'{Timestamp(before)}'";
        }

        var result = new List<HoldRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(ToHold(entity));
        }

        return result.OrderBy(h => h.HeldAt).Take(query.Max).ToArray();
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(HoldRecord h)
    {
        var entity = new TableEntity(Partition, TableKeys.Check(h.HoldId, nameof(h.HoldId)))
        {
            ["CustomerId"] = h.CustomerId,
            ["Kind"] = h.Kind.ToString(),
            ["DocumentId"] = h.DocumentId,
            ["OrderId"] = h.OrderId,
            ["ApproverRole"] = h.ApproverRole.ToString(),
            ["Reasons"] = JsonSerializer.Serialize(h.Reasons),
            ["Status"] = h.Status.ToString(),
            ["HeldAt"] = h.HeldAt,
            ["DecidedAt"] = h.DecidedAt,
            ["DecidedBy"] = h.DecidedBy,
            ["Comment"] = h.Comment,
        };
        if (h.CustomerName is not null)
        {
            entity["CustomerName"] = h.CustomerName;
        }

        if (h.Facts.Count > 0)
        {
            entity["Facts"] = JsonSerializer.Serialize(h.Facts.Select(f => new[] { f.Key, f.Value }));
        }

        if (h.AuthorizedRoles.Count > 0)
        {
            entity["AuthorizedRoles"] = string.Join(",", h.AuthorizedRoles);
        }

        MoneyColumns.Write(entity, "Amount", h.Amount);
        MoneyColumns.Write(entity, "AtStake", h.AmountAtStake);
        return entity;
    }

    private static HoldRecord ToHold(TableEntity e) => new(
        e.RowKey,
        e.GetString("CustomerId"),
        Enum.Parse<ErpDocumentKind>(e.GetString("Kind")),
        e.GetString("DocumentId"),
        e.GetString("OrderId"),
        MoneyColumns.ReadRequired(e, "Amount"),
        MoneyColumns.ReadRequired(e, "AtStake"),
        Enum.Parse<CreditRole>(e.GetString("ApproverRole")),
        JsonSerializer.Deserialize<string[]>(e.GetString("Reasons") ?? "[]") ?? [],
        Enum.Parse<HoldStatus>(e.GetString("Status")),
        e.GetDateTimeOffset("HeldAt")!.Value,
        e.GetDateTimeOffset("DecidedAt"),
        e.GetString("DecidedBy"),
        e.GetString("Comment"))
    {
        CustomerName = e.GetString("CustomerName"),
        Facts = (JsonSerializer.Deserialize<string[][]>(e.GetString("Facts") ?? "[]") ?? []).Select(f => new KeyValuePair<string, string>(f[0], f[1])).ToArray(),
        AuthorizedRoles = (e.GetString("AuthorizedRoles") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<CreditRole>).ToArray(),
    };
}
