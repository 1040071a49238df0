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
/// <remarks>
/// Every write but <see cref="SaveStandingAsync"/> (where dunning stands, which no summary reads) also marks the customer changed (one row per customer in a partition of <paramref name="changes"/>, the
/// summaries' table: small, so listing the marks does not pass over the invoices), so that what is
/// kept about the customer's receivables as a whole (the dashboard's summaries) can be brought up to date:
/// <see cref="ChangedCustomersAsync"/> lists the marks, <see cref="ClearChangedAsync"/> takes one away once its
/// customer was summarised. A change is marked before it is written, so a crash in between cannot lose it, and again
/// after it, so that a summary read between the two cannot clear the mark of a write it did not see. A new invoice
/// (<see cref="AddAsync"/>) is marked after it is written only: whoever adds it adds it again after a crash (the ERP
/// retries what it got no answer for), and adding an invoice already stored marks it then.
/// </remarks>
/// <param name="table">The invoices and their directory.</param>
/// <param name="changes">Where the marks are kept (a partition of its own).</param>
public sealed class DunningStore(TableClient table, TableClient changes)
{
    private const string InvoicePrefix = "invoice|";

    // '}' follows '|' in ASCII, so this range holds exactly the invoice rows.
    private const string InvoiceRows = $"RowKey ge '{InvoicePrefix}' and RowKey lt 'invoice}}'";
    private const string DirectoryPartition = "~directory";
    private const string ChangedPartition = "~changed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal TableClient Table => table;

    /// <summary>
    /// Stores a newly booked invoice; a second call for the same invoice (the ERP retried) keeps the first.
    /// The directory row is written first, so a stored invoice can always be found by its id. The customer is marked
    /// changed after the invoice is stored, and again by a second call: a crash between the two writes is healed by
    /// the retry that follows it, so the mark costs one request, not the two a later change costs.
    /// </summary>
    /// <returns>The stored record, the earlier one when it existed.</returns>
    public async Task<DunningRecord> AddAsync(DunningRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var directory = new TableEntity(DirectoryPartition, TableKeys.Check(record.InvoiceId, "invoiceId")) { ["CustomerId"] = record.CustomerId };
        await table.UpsertEntityAsync(directory, TableUpdateMode.Replace, cancellationToken);
        DunningRecord stored;
        try
        {
            var response = await table.AddEntityAsync(ToEntity(record), cancellationToken);
            stored = record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            stored = (await GetAsync(record.CustomerId, record.InvoiceId, cancellationToken))!;
        }

        await MarkChangedAsync(record.CustomerId, cancellationToken);
        return stored;
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

        var filter = InvoiceRows;
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

    /// <summary>
    /// Every invoice still in dunning — not settled, not through its ladder — across customers: filtered by the storage
    /// service, so a book of years of paid invoices sends only the open ones (a credit policy's simulation reads them).
    /// </summary>
    public Task<IReadOnlyList<DunningRecord>> ListInDunningAsync(CancellationToken cancellationToken = default) =>
        WhereAsync($"{InvoiceRows} and Status ne '{nameof(DunningStatus.Settled)}' and Status ne '{nameof(DunningStatus.Completed)}'", cancellationToken);

    /// <summary>Every invoice where dunning stands at <paramref name="status"/> (<see cref="DunningStanding.Status"/>), across customers, filtered by the storage service.</summary>
    public Task<IReadOnlyList<DunningRecord>> ListWithStatusAsync(string status, CancellationToken cancellationToken = default) =>
        WhereAsync($"{InvoiceRows} and Status eq {TableKeys.Quote(status)}", cancellationToken);

    private async Task<IReadOnlyList<DunningRecord>> WhereAsync(string filter, CancellationToken cancellationToken)
    {
        var found = new List<DunningRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            found.Add(ToRecord(entity));
        }

        return found;
    }

    /// <summary>Replaces the record under the ETag it was read with.</summary>
    /// <returns>The record with its new ETag.</returns>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it since it was read.</exception>
    public async Task<DunningRecord> SaveAsync(DunningRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.ETag);
        await MarkChangedAsync(record.CustomerId, cancellationToken);
        var saved = await ReplaceAsync(record, cancellationToken);
        await MarkChangedAsync(record.CustomerId, cancellationToken);
        return saved;
    }

    /// <summary>
    /// Replaces the record when only where dunning stands changed (its standing, its ladder version) — nothing the
    /// receivables summaries read (amounts, payments, disputes, promises, steps) — so the customer is not marked: a
    /// look that takes no step and sees no payment costs one write, not three.
    /// </summary>
    /// <returns>The record with its new ETag.</returns>
    /// <exception cref="ConcurrencyConflictException">Someone else changed it since it was read.</exception>
    public Task<DunningRecord> SaveStandingAsync(DunningRecord record, CancellationToken cancellationToken = default) =>
        ReplaceAsync(record ?? throw new ArgumentNullException(nameof(record)), cancellationToken);

    /// <summary>Replaces the record under the ETag it was read with, marking nothing.</summary>
    private async Task<DunningRecord> ReplaceAsync(DunningRecord record, CancellationToken cancellationToken)
    {
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

    /// <summary>Up to <paramref name="max"/> customers whose invoices changed since they were last summarised, with the version of each mark.</summary>
    public async Task<IReadOnlyList<ChangedCustomer>> ChangedCustomersAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var changed = new List<ChangedCustomer>();
        await foreach (var e in changes.QueryAsync<TableEntity>(
            $"PartitionKey eq '{ChangedPartition}'", maxPerPage: Math.Min(max, 1000), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            changed.Add(new ChangedCustomer(e.RowKey, e.ETag.ToString()));
            if (changed.Count == max)
            {
                break;
            }
        }

        return changed;
    }

    /// <summary>Marks the customer's invoices changed (again), as every write does.</summary>
    public async Task MarkChangedAsync(string customerId, CancellationToken cancellationToken = default) =>
        await changes.UpsertEntityAsync(new TableEntity(ChangedPartition, TableKeys.Check(customerId, nameof(customerId))), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Takes away the customer's mark once what it marked was summarised.</summary>
    /// <returns>
    /// <see cref="ClearedMark.Cleared"/>; <see cref="ClearedMark.ChangedAgain"/> when the customer was marked again since
    /// (the mark stays); <see cref="ClearedMark.Gone"/> when someone else cleared it first.
    /// </returns>
    public async Task<ClearedMark> ClearChangedAsync(ChangedCustomer mark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mark);
        try
        {
            // The client answers a delete of a row that is not there with its 404 response rather than an exception.
            var response = await changes.DeleteEntityAsync(ChangedPartition, mark.CustomerId, new ETag(mark.Version), cancellationToken);
            return response.Status == 404 ? ClearedMark.Gone : ClearedMark.Cleared;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return ClearedMark.ChangedAgain;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ClearedMark.Gone;
        }
    }

    /// <summary>Every customer with an invoice, one page of keys at a time (to mark them all when summaries are first built).</summary>
    public async IAsyncEnumerable<string> CustomersWithInvoicesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? last = null;
        await foreach (var e in table.QueryAsync<TableEntity>(
            InvoiceRows, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            if (e.PartitionKey != last)
            {
                last = e.PartitionKey;
                yield return last;
            }
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
        ["LadderVersion"] = r.LadderVersion,
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
            LadderVersion = e.GetInt32("LadderVersion"),
        };
    }

    // Amounts as invariant strings: a decimal must not pass through a double on its way to storage.
    private sealed record StoredPayment(DateOnly PaidOn, string Amount);

    private sealed record StoredPromise(DateOnly MadeOn, DateOnly PromisedDate, string? Amount);
}
