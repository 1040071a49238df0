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

    /// <summary>The latest imports, newest first.</summary>
    public async Task<IReadOnlyList<ImportRecord>> LatestAsync(int max, CancellationToken cancellationToken = default)
    {
        var all = new List<ImportRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>($"PartitionKey eq '{Partition}'", cancellationToken: cancellationToken))
        {
            all.Add(ToRecord(e));
        }

        return all.OrderByDescending(i => i.At).Take(max).ToList();
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
