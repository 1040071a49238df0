using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CreditFlow.Domain.Customers;

namespace CreditFlow.Storage.Blacklist;

/// <summary>
/// The blacklist, in one table partition: a row <c>on|{registration number}</c> per company on the list, and a row
/// <c>off|{registration number}|{inverted ticks}</c> per removal, which keeps the removed entry with who took it off,
/// why and when.
/// </summary>
/// <remarks>
/// <para>One partition, so a removal (the history row added, the entry deleted) is one entity-group transaction, and an
/// import of up to <see cref="BatchSize"/> entries is one too. A blacklist holds thousands of companies, not millions:
/// listing reads the partition's entries and orders them newest first in memory.</para>
/// <para>An import larger than one batch is made whole-or-nothing by the store, not the service: everything is checked
/// before the first write; the batches are then written one by one, and when one fails the batches written before it
/// are deleted again (each added row carries the import's id, so <see cref="UndoImportAsync"/> can also finish an
/// undo that was itself cut off).</para>
/// </remarks>
public sealed class BlacklistStore(TableClient table)
{
    /// <summary>Entities per entity-group transaction: the storage service's limit.</summary>
    public const int BatchSize = 100;

    /// <summary>At most this many entries are listed in one page.</summary>
    public const int MaxPageSize = 500;

    private const string Partition = "blacklist";
    private const string OnPrefix = "on|";
    private const string OffPrefix = "off|";

    internal TableClient Table => table;

    /// <summary>
    /// Puts a company on the list unless its registration number is on it: the stored entry and true when this call
    /// added it; the entry stored before and false otherwise (nothing changed).
    /// </summary>
    /// <exception cref="ArgumentException">The registration number is not a valid key.</exception>
    public async Task<(BlacklistEntry Entry, bool Added)> AddOnceAsync(BlacklistEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = OnKey(entry.RegistrationNumber);
        try
        {
            await table.AddEntityAsync(ToEntity(key, entry with { Removal = null }), cancellationToken);
            return (entry with { Removal = null }, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Removed in between: the caller may try again; it would be added then.
            return (await GetAsync(entry.RegistrationNumber, cancellationToken) ?? throw StorageErrors.Conflict("blacklist entry", entry.RegistrationNumber, e), false);
        }
    }

    /// <summary>The entry of the registration number while it is on the list, or null.</summary>
    /// <exception cref="ArgumentException">The registration number is not a valid key.</exception>
    public async Task<BlacklistEntry?> GetAsync(string registrationNumber, CancellationToken cancellationToken = default) =>
        (await GetStoredAsync(registrationNumber, cancellationToken))?.Value;

    /// <summary>
    /// Links an entry to our customer with that registration number when it names none yet (e.g. an industry list's
    /// entry for a company that became our customer, or an entry added before it did), with the profile status to
    /// restore on removal. An entry that names a customer already is left as it is. Returns the stored entry, or null
    /// when the registration number is not on the list.
    /// </summary>
    /// <exception cref="ArgumentException">The registration number is not a valid key.</exception>
    public async Task<BlacklistEntry?> LinkCustomerAsync(
        string registrationNumber, string customerId, CreditProfileStatus? statusBefore, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await GetStoredAsync(registrationNumber, cancellationToken) is not { } stored || stored.Value.CustomerId is not null)
            {
                return (await GetStoredAsync(registrationNumber, cancellationToken))?.Value;
            }

            var linked = stored.Value with { CustomerId = TableKeys.Check(customerId, nameof(customerId)), CustomerStatusBefore = statusBefore };
            try
            {
                await table.UpdateEntityAsync(ToEntity(OnKey(registrationNumber), linked), new ETag(stored.ETag), TableUpdateMode.Replace, cancellationToken);
                return linked;
            }
            catch (RequestFailedException e) when (attempt < 3 && e.Status is 404 or 412)
            {
                // Changed or removed in between: look again.
            }
        }
    }

    /// <summary>The entries on the list, newest first, optionally of one source: <paramref name="take"/> of them from <paramref name="skip"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="skip"/> is negative or <paramref name="take"/> outside 1..<see cref="MaxPageSize"/>.</exception>
    public async Task<BlacklistPage> ListAsync(BlacklistSource? source = null, int skip = 0, int take = MaxPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxPageSize);
        var all = (await ListAllAsync(cancellationToken)).Where(e => source is null || e.Source == source).ToList();
        return new BlacklistPage(all.Skip(skip).Take(take).ToList(), all.Count);
    }

    /// <summary>Every entry on the list, newest first (then by registration number).</summary>
    public async Task<IReadOnlyList<BlacklistEntry>> ListAllAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync(OnPrefix, cancellationToken)).Select(e => ToEntry(e)).OrderByDescending(e => e.AddedAt).ThenBy(e => e.RegistrationNumber, StringComparer.Ordinal).ToList();

    /// <summary>The entries taken off the list, the latest removal first; of one registration number when given.</summary>
    /// <exception cref="ArgumentException">The registration number is not a valid key.</exception>
    public async Task<IReadOnlyList<BlacklistEntry>> ListRemovedAsync(string? registrationNumber = null, CancellationToken cancellationToken = default)
    {
        var prefix = registrationNumber is null ? OffPrefix : OffPrefix + CheckNumber(registrationNumber) + "|";
        return (await QueryAsync(prefix, cancellationToken)).Select(e => ToEntry(e)).OrderByDescending(e => e.Removal!.At).ToList();
    }

    /// <summary>
    /// Takes the registration number off the list: its entry is kept as removed, with <paramref name="reason"/>, who
    /// and when, and the number can be listed again. Returns the removed entry, or null when it was not on the list.
    /// </summary>
    /// <exception cref="ArgumentException">The registration number is not a valid key, or a reason or who is blank.</exception>
    public async Task<BlacklistEntry?> RemoveAsync(string registrationNumber, string reason, string decidedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        for (var attempt = 0; ; attempt++)
        {
            if (await GetStoredAsync(registrationNumber, cancellationToken) is not { } stored)
            {
                return null;
            }

            var removed = stored.Value with { Removal = new BlacklistRemoval(reason, decidedBy, at) };
            var history = OffPrefix + registrationNumber + "|" + (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
            try
            {
                await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, ToEntity(history, removed)),
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, OnKey(registrationNumber)), new ETag(stored.ETag)),
                ], cancellationToken);
                return removed;
            }
            catch (TableTransactionFailedException e) when (attempt < 3 && e.Status is 404 or 409 or 412)
            {
                // Changed, removed, or removed at this very instant by another call: look again.
            }
        }
    }

    /// <summary>
    /// Puts a list of companies on the blacklist whole or not at all. Every entry is checked before anything is written;
    /// entries whose registration number is on the list already are left as they are and returned as such.
    /// </summary>
    /// <exception cref="ArgumentException">An entry's registration number is not a valid key, or appears twice; nothing was written.</exception>
    /// <exception cref="ConcurrencyConflictException">One of them was put on the list by someone else meanwhile; what this import wrote was taken off again.</exception>
    /// <exception cref="BlacklistImportIncompleteException">A write failed and so did taking the written ones off again.</exception>
    public async Task<BlacklistImport> ImportAsync(IReadOnlyList<BlacklistEntry> entries, string importId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentException.ThrowIfNullOrWhiteSpace(importId);
        var duplicate = entries.GroupBy(e => CheckNumber(e.RegistrationNumber), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Registration number '{duplicate.Key}' appears more than once.", nameof(entries));
        }

        var listed = (await ListAllAsync(cancellationToken)).ToDictionary(e => e.RegistrationNumber, StringComparer.Ordinal);
        var already = entries.Where(e => listed.ContainsKey(e.RegistrationNumber)).Select(e => listed[e.RegistrationNumber]).ToList();
        var toAdd = entries.Where(e => !listed.ContainsKey(e.RegistrationNumber)).Select(e => e with { ImportId = importId, Removal = null }).ToList();
        var written = new List<BlacklistEntry>();
        try
        {
            foreach (var batch in toAdd.Chunk(BatchSize))
            {
                await table.SubmitTransactionAsync(
                    batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(OnKey(e.RegistrationNumber), e))), cancellationToken);
                written.AddRange(batch);
            }
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
        {
            await UndoAsync(importId, written, e);
            if (e is RequestFailedException { Status: 409 } conflict)
            {
                throw new ConcurrencyConflictException("blacklist import", importId, "a company of the list was put on the blacklist meanwhile; nothing of the import was kept, import it again.", conflict);
            }

            throw;
        }

        return new BlacklistImport(importId, toAdd, already);
    }

    /// <summary>Takes every entry the import added off the list again (not as removals: they never counted). Returns how many.</summary>
    public async Task<int> UndoImportAsync(string importId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(importId);
        var rows = (await QueryAsync(OnPrefix, cancellationToken)).Where(e => e.GetString("ImportId") == importId).ToList();
        foreach (var batch in rows.Chunk(BatchSize))
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
        }

        return rows.Count;
    }

    private async Task UndoAsync(string importId, List<BlacklistEntry> written, Exception cause)
    {
        if (written.Count == 0)
        {
            return;
        }

        try
        {
            // Not the caller's token: a cancelled request must not leave half an import behind.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await UndoImportAsync(importId, timeout.Token);
        }
        catch (Exception undo) when (undo is RequestFailedException or OperationCanceledException)
        {
            throw new BlacklistImportIncompleteException(importId, written.Count, new AggregateException(cause, undo));
        }
    }

    private async Task<Stored<BlacklistEntry>?> GetStoredAsync(string registrationNumber, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, OnKey(registrationNumber), cancellationToken: cancellationToken);
        return response.HasValue ? new Stored<BlacklistEntry>(ToEntry(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    private async Task<List<TableEntity>> QueryAsync(string prefix, CancellationToken cancellationToken)
    {
        // Row keys from the prefix up to the prefix with its last character's successor: exactly those starting with it.
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = $"PartitionKey eq {TableKeys.Quote(Partition)} and RowKey ge {TableKeys.Quote(prefix)} and RowKey lt {TableKeys.Quote(end)}";
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(entity);
        }

        return rows;
    }

    /// <summary>
    /// True when the registration number can be on the list: 1-256 characters, not beginning or ending with a space,
    /// without '/', '\', '#', '?', '|' or control characters. What is not cannot be listed, so need not be looked up.
    /// </summary>
    public static bool IsValidRegistrationNumber(string? registrationNumber) =>
        !string.IsNullOrWhiteSpace(registrationNumber)
        && registrationNumber.Length <= 256
        && registrationNumber.Trim().Length == registrationNumber.Length
        && !registrationNumber.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c));

    private static string OnKey(string registrationNumber) => OnPrefix + CheckNumber(registrationNumber);

    /// <summary>A table key without '|', which separates the parts of the history rows' keys.</summary>
    private static string CheckNumber(string registrationNumber)
    {
        if (!IsValidRegistrationNumber(registrationNumber))
        {
            throw new ArgumentException($"'{registrationNumber}' is not a valid registration number: it must not hold '|' or begin or end with a space.", nameof(registrationNumber));
        }

        return registrationNumber;
    }

    private static TableEntity ToEntity(string rowKey, BlacklistEntry e) => new(Partition, rowKey)
    {
        ["RegistrationNumber"] = e.RegistrationNumber,
        ["Name"] = e.Name,
        ["CustomerId"] = e.CustomerId,
        ["Reason"] = e.Reason,
        ["Source"] = e.Source.ToString(),
        ["CaseId"] = e.CaseId,
        ["DecidedBy"] = e.DecidedBy,
        ["AddedAt"] = e.AddedAt,
        ["CustomerStatusBefore"] = e.CustomerStatusBefore?.ToString(),
        ["ImportId"] = e.ImportId,
        ["RemovalReason"] = e.Removal?.Reason,
        ["RemovedBy"] = e.Removal?.DecidedBy,
        ["RemovedAt"] = e.Removal?.At,
    };

    private static BlacklistEntry ToEntry(TableEntity e) => new(
        e.GetString("RegistrationNumber") ?? string.Empty,
        e.GetString("Name") ?? string.Empty,
        e.GetString("CustomerId"),
        e.GetString("Reason") ?? string.Empty,
        Enum.Parse<BlacklistSource>(e.GetString("Source") ?? nameof(BlacklistSource.Internal)),
        e.GetString("CaseId"),
        e.GetString("DecidedBy") ?? string.Empty,
        e.GetDateTimeOffset("AddedAt") ?? default)
    {
        CustomerStatusBefore = e.GetString("CustomerStatusBefore") is { } before ? Enum.Parse<CreditProfileStatus>(before) : null,
        ImportId = e.GetString("ImportId"),
        Removal = e.GetDateTimeOffset("RemovedAt") is { } at ? new BlacklistRemoval(e.GetString("RemovalReason") ?? string.Empty, e.GetString("RemovedBy") ?? string.Empty, at) : null,
    };
}
