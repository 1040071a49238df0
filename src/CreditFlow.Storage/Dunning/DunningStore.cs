using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Storage.Dunning;

/// <summary>
/// The invoices dunning follows, one row per invoice in the customer's partition, and a directory row
/// per invoice id so an invoice can be found by its id alone.
/// </summary>
public sealed class DunningStore(TableClient table)
{
    private const string InvoicePrefix = "invoice|";
    private const string DirectoryPartition = "~directory";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal TableClient Table => table;

    /// <summary>
    /// Stores a newly booked invoice; a second call for the same invoice (the ERP retried) keeps the first.
    /// The directory row is written first, so a stored invoice can always be found by its id.
    /// </summary>
    /// <returns>The stored record, the earlier one when it existed.</returns>
    public async Task<DunningRecord> AddAsync(DunningRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var directory = new TableEntity(DirectoryPartition, TableKeys.Check(record.InvoiceId, "invoiceId")) { ["CustomerId"] = record.CustomerId };
        await table.UpsertEntityAsync(directory, TableUpdateMode.Replace, cancellationToken);
        try
        {
            var response = await table.AddEntityAsync(ToEntity(record), cancellationToken);
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync(record.CustomerId, record.InvoiceId, cancellationToken))!;
        }
    }

    /// <summary>The customer's invoice, or null.</summary>
    public async Task<DunningRecord?> GetAsync(string customerId, string invoiceId, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Check(customerId, nameof(customerId)), InvoicePrefix + TableKeys.Check(invoiceId, nameof(invoiceId)), cancellationToken: cancellationToken);
        return response.HasValue ? ToRecord(response.Value!) : null;
    }

    /// <summary>The invoice with this id, whoever's it is, or null.</summary>
    public async Task<DunningRecord?> FindAsync(string invoiceId, CancellationToken cancellationToken = default)
    {
        var directory = await table.GetEntityIfExistsAsync<TableEntity>(DirectoryPartition, TableKeys.Check(invoiceId, nameof(invoiceId)), cancellationToken: cancellationToken);
        return directory.HasValue && directory.Value!.GetString("CustomerId") is { } customerId
            ? await GetAsync(customerId, invoiceId, cancellationToken)
            : null;
    }

    /// <summary>
    /// One page of invoices, the customer's (one partition) or everyone's, ordered by customer then invoice id.
    /// </summary>
    /// <param name="customerId">Whose; null for all.</param>
    /// <param name="pageSize">At most this many (1-1000).</param>
    /// <param name="continuation">Where the previous page ended; null for the first.</param>
    public async Task<(IReadOnlyList<DunningRecord> Records, string? Continuation)> ListAsync(
        string? customerId, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);

        // '}' follows '|' in ASCII, so this range holds exactly the invoice rows.
        var filter = $"RowKey ge '{InvoicePrefix}' and RowKey lt 'invoice}}'";
        if (customerId is not null)
        {
            filter = $"PartitionKey eq {TableKeys.Quote(TableKeys.Check(customerId, nameof(customerId)))} and " + filter;
        }

        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuation, pageSize))
        {
            return (page.Values.Select(ToRecord).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Every invoice, the customer's or everyone's, ordered by customer then invoice id, read a page at a time.</summary>
    /// <param name="customerId">Whose; null for all.</param>
    public async Task<IReadOnlyList<DunningRecord>> ListAllAsync(string? customerId, CancellationToken cancellationToken = default)
    {
        var all = new List<DunningRecord>();
        string? continuation = null;
        do
        {
            (var page, continuation) = await ListAsync(customerId, 1000, continuation, cancellationToken);
            all.AddRange(page);
        }
        while (continuation is not null);

        return all;
    }

    /// <summary>Replaces the record under the ETag it was read with.</summary>
    /// <returns>The record with its new ETag.</returns>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it since it was read.</exception>
    public async Task<DunningRecord> SaveAsync(DunningRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.ETag);
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(record), new ETag(record.ETag), TableUpdateMode.Replace, cancellationToken);
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (StorageErrors.IsConflict(e))
        {
            throw StorageErrors.Conflict("dunning record", record.InvoiceId, e);
        }
    }

    private static TableEntity ToEntity(DunningRecord r) => new(TableKeys.Check(r.CustomerId, "customerId"), InvoicePrefix + TableKeys.Check(r.InvoiceId, "invoiceId"))
    {
        ["IssueDate"] = r.IssueDate.ToString("O", CultureInfo.InvariantCulture),
        ["DueDate"] = r.DueDate.ToString("O", CultureInfo.InvariantCulture),
        ["Amount"] = r.Amount.Amount.ToString(CultureInfo.InvariantCulture),
        ["Currency"] = r.Amount.Currency.Code,
        ["Payments"] = JsonSerializer.Serialize(r.Payments.Select(p => new StoredPayment(p.PaidOn, p.Amount.Amount.ToString(CultureInfo.InvariantCulture))), Json),
        ["Disputes"] = JsonSerializer.Serialize(r.Disputes, Json),
        ["Promises"] = JsonSerializer.Serialize(r.Promises.Select(p => new StoredPromise(p.MadeOn, p.PromisedDate, p.Amount?.Amount.ToString(CultureInfo.InvariantCulture))), Json),
        ["Steps"] = JsonSerializer.Serialize(r.Steps, Json),
        ["Extensions"] = JsonSerializer.Serialize(r.Extensions, Json),
        ["Plans"] = JsonSerializer.Serialize(r.Plans, Json),
        ["Status"] = r.Standing.Status,
        ["Level"] = r.Standing.Level,
        ["NextStep"] = r.Standing.NextStep,
        ["NextDueOn"] = r.Standing.NextDueOn?.ToString("O", CultureInfo.InvariantCulture),
        ["Open"] = r.Standing.Open?.ToString(CultureInfo.InvariantCulture),
        ["LookedAt"] = r.Standing.LookedAt,
    };

    private static DunningRecord ToRecord(TableEntity e)
    {
        var currency = new Currency(e.GetString("Currency"));
        var promises = JsonSerializer.Deserialize<StoredPromise[]>(e.GetString("Promises") ?? "[]", Json) ?? [];
        return new DunningRecord(
            e.PartitionKey,
            e.RowKey[InvoicePrefix.Length..],
            DateOnly.ParseExact(e.GetString("IssueDate"), "O", CultureInfo.InvariantCulture),
            DateOnly.ParseExact(e.GetString("DueDate"), "O", CultureInfo.InvariantCulture),
            new Money(decimal.Parse(e.GetString("Amount"), CultureInfo.InvariantCulture), currency),
            (JsonSerializer.Deserialize<StoredPayment[]>(e.GetString("Payments") ?? "[]", Json) ?? [])
                .Select(p => new InvoicePayment(p.PaidOn, new Money(decimal.Parse(p.Amount, CultureInfo.InvariantCulture), currency))).ToArray(),
            JsonSerializer.Deserialize<RecordedDispute[]>(e.GetString("Disputes") ?? "[]", Json) ?? [],
            promises.Select(p => new PaymentPromise(p.MadeOn, p.PromisedDate, p.Amount is { } a ? new Money(decimal.Parse(a, CultureInfo.InvariantCulture), currency) : null)).ToArray(),
            JsonSerializer.Deserialize<TakenStep[]>(e.GetString("Steps") ?? "[]", Json) ?? [],
            new DunningStanding(
                e.GetString("Status") ?? DunningStanding.NotYetLooked.Status,
                e.GetInt32("Level") ?? 0,
                e.GetString("NextStep"),
                e.GetString("NextDueOn") is { } next ? DateOnly.ParseExact(next, "O", CultureInfo.InvariantCulture) : null,
                e.GetString("Open") is { } open ? decimal.Parse(open, CultureInfo.InvariantCulture) : null,
                e.GetDateTimeOffset("LookedAt")),
            e.ETag.ToString())
        {
            Extensions = JsonSerializer.Deserialize<PaymentExtension[]>(e.GetString("Extensions") ?? "[]", Json) ?? [],
            Plans = JsonSerializer.Deserialize<CollectionPlan[]>(e.GetString("Plans") ?? "[]", Json) ?? [],
        };
    }

    // Amounts as invariant strings: a decimal must not pass through a double on its way to storage.
    private sealed record StoredPayment(DateOnly PaidOn, string Amount);

    private sealed record StoredPromise(DateOnly MadeOn, DateOnly PromisedDate, string? Amount);
}
