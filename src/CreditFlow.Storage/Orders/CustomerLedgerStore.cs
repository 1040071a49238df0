using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// Reads and changes a customer's order-check ledger in its partition of the credit table: point
/// reads (the exposure row, which carries the profile copy and the terms, and the ERP rows asked
/// for, in parallel) and one entity-group transaction, optimistic concurrency on the exposure row.
/// Concurrent changes for one customer are serialised by the exposure row's ETag, so orders decided
/// in parallel can never together pass a limit that each alone would respect.
/// </summary>
public sealed class CustomerLedgerStore
{
    /// <summary>Customers whose exposure row is remembered at most; beyond it the memory starts again empty.</summary>
    private const int MaxRemembered = 20_000;

    private static readonly IReadOnlyDictionary<string, ErpRecord> NoRecords = new Dictionary<string, ErpRecord>();

    private readonly TableClient _table;
    private readonly LedgerRetryOptions _retry;

    // The exposure row as this process last read or wrote it, with its ETag. A decision on it commits
    // under that ETag, so a row changed meanwhile (another process, a profile write) fails the commit
    // and the next attempt reads: what it saves is the read of a customer this process just served.
    private readonly ConcurrentDictionary<string, CustomerLedger> _recent = new(StringComparer.Ordinal);

    internal CustomerLedgerStore(TableClient table, LedgerRetryOptions retry)
    {
        _table = table;
        _retry = retry;
    }

    /// <summary>
    /// Reads the exposure row (profile copy, terms, exposure) and the ERP rows asked for; the profile
    /// row itself only when the exposure row has no copy of it (no profile, or one older than the copies).
    /// </summary>
    public Task<CustomerLedger> ReadAsync(string customerId, IEnumerable<(ErpDocumentKind Kind, string Id)> documents, CancellationToken cancellationToken = default) =>
        ReadAsync(customerId, documents, useRecent: false, cancellationToken);

    private async Task<CustomerLedger> ReadAsync(
        string customerId, IEnumerable<(ErpDocumentKind Kind, string Id)> documents, bool useRecent, CancellationToken cancellationToken)
    {
        TableKeys.Check(customerId, nameof(customerId));
        ArgumentNullException.ThrowIfNull(documents);
        var keys = documents.Select(d => OrderCheckRows.DocumentKey(d.Kind, d.Id)).Distinct(StringComparer.Ordinal).ToArray();
        var reads = keys
            .Select(key => _table.GetEntityIfExistsAsync<TableEntity>(customerId, key, cancellationToken: cancellationToken))
            .ToArray();
        var state = useRecent && _recent.TryGetValue(customerId, out var recent) ? recent : await ReadStateAsync(customerId, cancellationToken);
        await Task.WhenAll(reads);

        var records = new Dictionary<string, ErpRecord>(StringComparer.Ordinal);
        foreach (var read in reads)
        {
            if (read.Result.HasValue)
            {
                var entity = read.Result.Value!;
                records[entity.RowKey] = OrderCheckRows.ToRecord(entity);
            }
        }

        return state with { Records = records };
    }

    /// <summary>The exposure row as a ledger without documents; remembered unless the profile had to come from its own row.</summary>
    private async Task<CustomerLedger> ReadStateAsync(string customerId, CancellationToken cancellationToken)
    {
        var read = await _table.GetEntityIfExistsAsync<TableEntity>(customerId, OrderCheckRows.ExposureRowKey, cancellationToken: cancellationToken);
        var row = read.HasValue ? read.Value! : null;
        var profile = row is null ? null : OrderCheckRows.ToProfile(row);
        var guarded = true;
        if (profile is null)
        {
            // No copy: a customer without a profile, or a profile written before profiles were copied here.
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(customerId, CreditTableRows.ProfileRowKey, cancellationToken: cancellationToken);
            profile = stored.HasValue ? CreditTableRows.ToProfile(stored.Value!) : null;

            // A profile read from its own row is not covered by the exposure row's ETag: never decide on a remembered one.
            guarded = profile is null;
        }

        var state = row is null
            ? new CustomerLedger(customerId, profile, OrderTerms.None, null, null, NoRecords)
            : new CustomerLedger(customerId, profile, OrderCheckRows.ToTerms(row), OrderCheckRows.ToExposure(row), row.ETag.ToString(), NoRecords);
        if (guarded)
        {
            Remember(state);
        }
        else
        {
            _recent.TryRemove(customerId, out _);
        }

        return state;
    }

    /// <summary>
    /// Writes <paramref name="change"/> if nothing it depends on changed since <paramref name="ledger"/>
    /// was read. Returns false, writing nothing, when it lost a race (an ETag moved or a row to add exists).
    /// </summary>
    public async Task<bool> TryCommitAsync(CustomerLedger ledger, LedgerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(change);
        var actions = new List<TableTransactionAction>(change.Records.Count + 2);
        if (change.Exposure is { } exposure)
        {
            // Merge: the profile copy and the terms on the same row are other writers' columns.
            var entity = OrderCheckRows.ToEntity(ledger.CustomerId, exposure);
            actions.Add(ledger.ExposureETag is { } eTag
                ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, new ETag(eTag))
                : new TableTransactionAction(TableTransactionActionType.Add, entity));
        }

        foreach (var record in change.Records)
        {
            var entity = OrderCheckRows.ToEntity(ledger.CustomerId, record);
            actions.Add(record.ETag is { } eTag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(eTag))
                : new TableTransactionAction(TableTransactionActionType.Add, entity));
        }

        if (change.Decision is { } decision)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, CreditTableRows.ToEntity(decision)));
        }

        if (actions.Count == 0)
        {
            return true;
        }

        try
        {
            ETag? exposureETag;
            if (actions.Count == 1)
            {
                // A single row needs no batch; the plain request is cheaper for the emulator and the service.
                var single = actions[0];
                Response response;
                if (single.ActionType == TableTransactionActionType.Add)
                {
                    response = await _table.AddEntityAsync(single.Entity, cancellationToken);
                }
                else
                {
                    var mode = single.ActionType == TableTransactionActionType.UpdateMerge ? TableUpdateMode.Merge : TableUpdateMode.Replace;
                    response = await _table.UpdateEntityAsync(single.Entity, single.ETag, mode, cancellationToken);
                }

                exposureETag = response.Headers.ETag;
            }
            else
            {
                var responses = await _table.SubmitTransactionAsync(actions, cancellationToken);

                // The exposure row, when written, is the first action; otherwise this ETag is not used.
                exposureETag = responses.Value[0].Headers.ETag;
            }

            if (change.Exposure is not null)
            {
                // The row as just written: the next order of this customer decides without reading it.
                var written = ledger with { Exposure = change.Exposure, ExposureETag = exposureETag?.ToString(), Records = NoRecords };
                // Only a customer remembered when read: one whose profile came from its own row never is.
                if (exposureETag is null || !_recent.ContainsKey(ledger.CustomerId))
                {
                    _recent.TryRemove(ledger.CustomerId, out _);
                }
                else
                {
                    Remember(written);
                }
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            // Whatever was remembered of the customer may be what lost.
            _recent.TryRemove(ledger.CustomerId, out _);
            return false;
        }
    }

    /// <summary>
    /// Reads the ledger, lets <paramref name="decide"/> choose a change, and commits it; when the
    /// commit loses a race, reads again and decides again, with a jittered pause, a bounded number of times.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">Every attempt lost its race.</exception>
    public Task<T> ApplyAsync<T>(
        string customerId,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> documents,
        Func<CustomerLedger, LedgerOutcome<T>> decide,
        CancellationToken cancellationToken = default) =>
        ApplyAsync(customerId, null, documents, decide, cancellationToken);

    /// <summary>
    /// Applies a document the ERP sends, as <c>ApplyAsync</c> does: the first attempt presumes <paramref name="document"/> is new and
    /// does not read its row (a clean order costs one read and one transaction). When the presumption
    /// was wrong (a retried or early-referenced document), adding its row fails and the next attempt reads it.
    /// </summary>
    /// <param name="related">Other rows the decision needs (e.g. the order of a shipment).</param>
    public Task<T> ApplyNewAsync<T>(
        string customerId,
        (ErpDocumentKind Kind, string Id) document,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> related,
        Func<CustomerLedger, LedgerOutcome<T>> decide,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(related);
        return ApplyAsync(customerId, related, related.Prepend(document).ToArray(), decide, cancellationToken);
    }

    /// <param name="firstRead">What the first attempt reads; null: all of <paramref name="documents"/>.</param>
    private async Task<T> ApplyAsync<T>(
        string customerId,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)>? firstRead,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> documents,
        Func<CustomerLedger, LedgerOutcome<T>> decide,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var presuming = firstRead is not null;
        for (var attempt = 1; ; attempt++)
        {
            // A presuming attempt may decide on the remembered exposure row: its commit is guarded by the row's ETag.
            var ledger = await ReadAsync(customerId, presuming ? firstRead! : documents, useRecent: presuming, cancellationToken);
            var outcome = decide(ledger);
            if (presuming && outcome.Prepare is not null)
            {
                // What is prepared must be true of the document: read it before acting on a presumption.
                presuming = false;
                continue;
            }

            if (outcome.Change is not null && outcome.Prepare is { } prepare)
            {
                await prepare(cancellationToken);
            }

            if (outcome.Change is null || await TryCommitAsync(ledger, outcome.Change, cancellationToken))
            {
                return outcome.Result;
            }

            if (presuming)
            {
                // The document's row exists after all, or a race was lost: read everything from now on, at once.
                presuming = false;
                continue;
            }

            if (attempt >= _retry.MaxAttempts)
            {
                throw new ConcurrencyConflictException(
                    "customer ledger", customerId, $"{attempt} attempts in a row lost the race for the exposure row; the customer is too busy, retry later.");
            }

            // Jitter spreads the losers so they do not collide again in lockstep.
            var ceiling = Math.Min(_retry.MaxPause.TotalMilliseconds, _retry.FirstPause.TotalMilliseconds * attempt);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken);
        }
    }

    private void Remember(CustomerLedger state)
    {
        if (_recent.Count >= MaxRemembered)
        {
            _recent.Clear();
        }

        _recent[state.CustomerId] = state;
    }

    /// <summary>Sets the customer's order terms (on the exposure row) together with the decision that set them.</summary>
    /// <exception cref="ConcurrencyConflictException">The decision is already logged.</exception>
    public async Task SetTermsAsync(string customerId, OrderTerms terms, CreditDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(decision);
        _recent.TryRemove(customerId, out _);
        try
        {
            await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpsertMerge, OrderCheckRows.ToEntity(TableKeys.Check(customerId, nameof(customerId)), terms)),
                    new TableTransactionAction(TableTransactionActionType.Add, CreditTableRows.ToEntity(decision)),
                ],
                cancellationToken);
        }
        catch (TableTransactionFailedException e) when (StorageErrors.IsConflict(e))
        {
            throw StorageErrors.Conflict("credit decision", decision.Id, e);
        }
    }
}
