using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// The worklist of holds, table <c>{prefix}Holds</c>: one row per hold in a single partition, so
/// the list with its filters is one query. A hold row is added once (by the webhook that held the
/// order) and updated once, when the hold ends.
/// </summary>
public sealed class HoldRepository
{
    private const string Partition = "hold";
    private readonly TableClient _table;

    internal HoldRepository(TableClient table) => _table = table;

    internal TableClient Table => _table;

    /// <summary>Adds the hold; a second add of the same hold is ignored (the webhook may be retried).</summary>
    public async Task AddAsync(HoldRecord hold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hold);
        try
        {
            await _table.AddEntityAsync(ToEntity(hold), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already on the worklist.
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
            filter += $" and HeldAt le datetime'{before.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}'";
        }

        var result = new List<HoldRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(ToHold(entity));
        }

        return result.OrderBy(h => h.HeldAt).Take(query.Max).ToArray();
    }

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
        e.GetString("Comment"));
}
