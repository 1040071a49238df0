using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace CreditFlow.Storage.Imports;

/// <summary>
/// Accepted imports: a row each in <c>{prefix}Imports</c> (who, what, how far) and their checked rows as one JSON blob
/// each in <c>{prefix}imports</c>, written before the row so an import on record always has its rows.
/// </summary>
public sealed class ImportStore(TableClient table, BlobContainerClient rows)
{
    private const string Partition = "import";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    internal TableClient Table => table;

    internal BlobContainerClient Rows => rows;

    /// <summary>Records an accepted import with its rows.</summary>
    public async Task<ImportRecord> AddAsync(ImportRecord import, ImportedRows checkedRows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(checkedRows);
        await rows.GetBlobClient(BlobName(import.ImportId)).UploadAsync(BinaryData.FromObjectAsJson(checkedRows, Json), overwrite: true, cancellationToken);
        var response = await table.AddEntityAsync(ToEntity(import), cancellationToken);
        return import with { ETag = response.Headers.ETag?.ToString() };
    }

    /// <summary>The import, or null.</summary>
    public async Task<ImportRecord?> GetAsync(string importId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Check(importId, nameof(importId)), cancellationToken: cancellationToken);
        return row.HasValue ? ToRecord(row.Value!) : null;
    }

    /// <summary>The import's checked rows.</summary>
    public async Task<ImportedRows> RowsAsync(string importId, CancellationToken cancellationToken = default)
    {
        var content = await rows.GetBlobClient(BlobName(importId)).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToObjectFromJson<ImportedRows>(Json)
            ?? throw new InvalidOperationException($"Import {importId} has no rows.");
    }

    /// <summary>
    /// The id of every import, newest first (the same second by id): only the ids and times are read, not what each
    /// import refused, so a page of a long history reads the rest for its own imports only (<see cref="GetManyAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> IdsNewestFirstAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<(string Id, DateTimeOffset At)>();
        await foreach (var e in table.QueryAsync<TableEntity>($"PartitionKey eq '{Partition}'", select: ["RowKey", "At"], cancellationToken: cancellationToken))
        {
            all.Add((e.RowKey, e.GetDateTimeOffset("At")!.Value));
        }

        return all.OrderByDescending(i => i.At).ThenByDescending(i => i.Id, StringComparer.Ordinal).Select(i => i.Id).ToList();
    }

    /// <summary>
    /// The imports <paramref name="importIds"/>, in that order (those no longer stored left out). One range query: an
    /// import's id begins with its time, so the ids of one page of the newest lie close together.
    /// </summary>
    public async Task<IReadOnlyList<ImportRecord>> GetManyAsync(IReadOnlyList<string> importIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(importIds);
        if (importIds.Count == 0)
        {
            return [];
        }

        var wanted = importIds.Select(id => TableKeys.Check(id, "importId")).ToHashSet(StringComparer.Ordinal);
        var first = wanted.Min(StringComparer.Ordinal)!;
        var last = wanted.Max(StringComparer.Ordinal)!;
        var found = new Dictionary<string, ImportRecord>(StringComparer.Ordinal);
        var filter = $"PartitionKey eq '{Partition}' and RowKey ge {TableKeys.Quote(first)} and RowKey le {TableKeys.Quote(last)}";
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (wanted.Contains(e.RowKey))
            {
                found[e.RowKey] = ToRecord(e);
            }
        }

        return importIds.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>Replaces the import under the ETag it was read with.</summary>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it since it was read.</exception>
    public async Task<ImportRecord> SaveAsync(ImportRecord import, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(import.ETag);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(import), new ETag(import.ETag), TableUpdateMode.Replace, cancellationToken);
            return import with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (StorageErrors.IsConflict(e))
        {
            throw StorageErrors.Conflict("import", import.ImportId, e);
        }
    }

    private static string BlobName(string importId) => TableKeys.Check(importId, nameof(importId)) + ".json";

    private static TableEntity ToEntity(ImportRecord i) => new(Partition, TableKeys.Check(i.ImportId, "importId"))
    {
        ["Kind"] = i.Kind.ToString(),
        ["FileName"] = i.FileName,
        ["By"] = i.By,
        ["At"] = i.At,
        ["Rows"] = i.Rows,
        ["Applied"] = i.Applied,
        ["AlreadyThere"] = i.AlreadyThere,
        ["Refused"] = JsonSerializer.Serialize(i.Refused, Json),
        ["Status"] = i.Status.ToString(),
        ["FinishedAt"] = i.FinishedAt,
    };

    private static ImportRecord ToRecord(TableEntity e) => new(
        e.RowKey,
        Enum.Parse<ImportKind>(e.GetString("Kind")),
        e.GetString("FileName"),
        e.GetString("By"),
        e.GetDateTimeOffset("At")!.Value,
        e.GetInt32("Rows") ?? 0,
        e.GetInt32("Applied") ?? 0,
        e.GetInt32("AlreadyThere") ?? 0,
        JsonSerializer.Deserialize<RefusedRow[]>(e.GetString("Refused") ?? "[]", Json) ?? [],
        Enum.Parse<ImportStatus>(e.GetString("Status")),
        e.GetDateTimeOffset("FinishedAt"))
    {
        ETag = e.ETag.ToString(),
    };
}
