using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Domain.LegalHandoff;

namespace CreditFlow.Storage.LegalCases;

/// <summary>
/// The legal cases, in one table: a row per case (the case as JSON beside the columns a query filters on), a row per
/// customer pointing at its open case (one open case per customer: a second red invoice joins it), and a row per agency
/// report received (one report however often the agency sends it).
/// </summary>
public sealed class CaseStore(TableClient table)
{
    private const string Cases = "case";
    private const string OpenCases = "open";
    /// <summary>Parts of a case's JSON at most: 15 × 60 KB stays under the 1 MiB row limit with the other columns.</summary>
    private const int MaxJsonParts = 15;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>At most this many cases are listed by <see cref="ListAsync"/> (the API), the newest.</summary>
    public const int MaxListed = 500;

    internal TableClient Table => table;

    /// <summary>
    /// Opens <paramref name="candidate"/> unless the customer has an open case; then <paramref name="invoice"/> (if any)
    /// joins that case instead. Returns the customer's open case and whether this call opened it. Safe to repeat: the same
    /// candidate finds itself opened.
    /// </summary>
    public async Task<(CaseRecord Case, bool Opened)> OpenOrJoinAsync(LegalCase candidate, CaseInvoice? invoice, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var customerKey = TableKeys.Check(candidate.CustomerId, "customerId");
        TableKeys.Check(candidate.CaseId, "caseId");
        string caseId;
        try
        {
            await table.AddEntityAsync(new TableEntity(OpenCases, customerKey) { ["CaseId"] = candidate.CaseId }, cancellationToken);
            caseId = candidate.CaseId;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            caseId = (await table.GetEntityAsync<TableEntity>(OpenCases, customerKey, cancellationToken: cancellationToken)).Value.GetString("CaseId");
        }

        // The pointer is written first: a crash before the case row leaves a pointer the same candidate completes.
        if (caseId == candidate.CaseId)
        {
            try
            {
                var response = await table.AddEntityAsync(ToEntity(new CaseRecord(candidate, CaseProgress.None)), cancellationToken);
                return (new CaseRecord(candidate, CaseProgress.None, response.Headers.ETag?.ToString()), true);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Opened by an earlier or concurrent attempt of the same step.
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            var open = await GetAsync(caseId, cancellationToken) ?? throw new InvalidOperationException($"The open case '{caseId}' of customer '{candidate.CustomerId}' was never stored.");
            if (invoice is null || open.Case.Invoices.Any(i => i.InvoiceId == invoice.InvoiceId))
            {
                return (open, caseId == candidate.CaseId);
            }

            try
            {
                return (await SaveAsync(open with { Case = open.Case.Join(invoice, by, candidate.OpenedAt) }, cancellationToken), false);
            }
            catch (ConcurrencyConflictException) when (attempt < 5)
            {
                // The case moved meanwhile: join it as it is now.
            }
        }
    }

    /// <summary>The case, or null.</summary>
    public async Task<CaseRecord?> GetAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Cases, TableKeys.Check(caseId, nameof(caseId)), cancellationToken: cancellationToken);
        return response.HasValue ? ToRecord(response.Value!) : null;
    }

    /// <summary>The id of the customer's open case, or null.</summary>
    public async Task<string?> OpenCaseOfAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(OpenCases, TableKeys.Check(customerId, nameof(customerId)), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.GetString("CaseId") : null;
    }

    /// <summary>Cases, optionally of one status or one customer; newest opened first, at most <see cref="MaxListed"/>.</summary>
    public async Task<IReadOnlyList<CaseRecord>> ListAsync(CaseStatus? status = null, string? customerId = null, CancellationToken cancellationToken = default) =>
        (await ListEveryAsync(status, customerId, cancellationToken)).Take(MaxListed).ToList();

    /// <summary>
    /// Every case, optionally of one status or one customer, newest opened first: what counts and pages must see whole (the
    /// cases page's counts, the dashboard's write-offs). Every row is read either way; the order is by a date in the record.
    /// </summary>
    public async Task<IReadOnlyList<CaseRecord>> ListEveryAsync(CaseStatus? status = null, string? customerId = null, CancellationToken cancellationToken = default)
    {
        var filter = $"PartitionKey eq '{Cases}'"
            + (status is { } s ? $" and Status eq '{s}'" : string.Empty)
            + (customerId is null ? string.Empty : $" and CustomerId eq {TableKeys.Quote(customerId)}");
        var result = new List<CaseRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(ToRecord(entity));
        }

        return [.. result.OrderByDescending(c => c.Case.OpenedAt).ThenBy(c => c.CaseId, StringComparer.Ordinal)];
    }

    /// <summary>Saves the case under the ETag it was read with; a closed case frees its customer for a new one.</summary>
    /// <exception cref="ConcurrencyConflictException">It changed since it was read.</exception>
    public async Task<CaseRecord> SaveAsync(CaseRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ETag is null)
        {
            throw new InvalidOperationException($"Case '{record.CaseId}' was not read from storage.");
        }

        CaseRecord saved;
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(record), new ETag(record.ETag), TableUpdateMode.Replace, cancellationToken);
            saved = record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw StorageErrors.Conflict("case", record.CaseId, e);
        }

        if (record.Case.IsClosed)
        {
            await ReleaseAsync(record.Case, cancellationToken);
        }

        return saved;
    }

    /// <summary>
    /// Records that <paramref name="agency"/> sent report <paramref name="eventId"/> with content <paramref name="contentSha256"/>
    /// about <paramref name="caseId"/>: Added the first time, AlreadyStored for the same content again, IdReused for
    /// another content (then nothing is recorded).
    /// </summary>
    public async Task<ReportAddition> AddReportOnceAsync(string agency, string eventId, string caseId, string contentSha256, CancellationToken cancellationToken = default)
    {
        var partition = "agency-" + TableKeys.Check(agency, nameof(agency));
        var key = TableKeys.Check(eventId, nameof(eventId));
        try
        {
            await table.AddEntityAsync(new TableEntity(partition, key) { ["CaseId"] = caseId, ["ContentSha256"] = contentSha256 }, cancellationToken);
            return ReportAddition.Added;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = (await table.GetEntityAsync<TableEntity>(partition, key, cancellationToken: cancellationToken)).Value;
            return stored.GetString("ContentSha256") == contentSha256 && stored.GetString("CaseId") == caseId ? ReportAddition.AlreadyStored : ReportAddition.IdReused;
        }
    }

    private async Task ReleaseAsync(LegalCase closed, CancellationToken cancellationToken)
    {
        var pointer = await table.GetEntityIfExistsAsync<TableEntity>(OpenCases, closed.CustomerId, cancellationToken: cancellationToken);
        if (pointer.HasValue && pointer.Value!.GetString("CaseId") == closed.CaseId)
        {
            try
            {
                await table.DeleteEntityAsync(OpenCases, closed.CustomerId, pointer.Value.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Released by an earlier attempt.
            }
        }
    }

    /// <exception cref="InvalidOperationException">The case's timeline no longer fits its row.</exception>
    private static TableEntity ToEntity(CaseRecord r)
    {
        var entity = new TableEntity(Cases, r.CaseId)
        {
            ["CustomerId"] = r.Case.CustomerId,
            ["Status"] = r.Case.Status.ToString(),
        };

        // A case followed for years gathers a long timeline: it spans several properties, the row staying under 1 MiB.
        if (!LongText.TryWrite(entity, "Json", "JsonParts", JsonSerializer.Serialize(r with { ETag = null }, Json), MaxJsonParts))
        {
            throw new InvalidOperationException($"Case '{r.CaseId}' has grown past what its row holds ({MaxJsonParts * LongText.PartChars} characters); close it and open a new one.");
        }

        return entity;
    }

    private static CaseRecord ToRecord(TableEntity e) =>
        JsonSerializer.Deserialize<CaseRecord>(LongText.Read(e, "Json", "JsonParts"), Json)! with { ETag = e.ETag.ToString() };
}

/// <summary>What <see cref="CaseStore.AddReportOnceAsync"/> came to.</summary>
public enum ReportAddition
{
    /// <summary>New: to be applied to the case.</summary>
    Added,

    /// <summary>Received before with the same content; nothing to do.</summary>
    AlreadyStored,

    /// <summary>The agency used the event id before for another report; refused.</summary>
    IdReused,
}
