using Azure;
using Azure.Data.Tables;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// Reads and changes a customer's order-check ledger in its partition of the credit table: one
/// query to read, one entity-group transaction to write, optimistic concurrency on the exposure
/// row. Concurrent changes for one customer are serialised by the exposure row's ETag, so orders
/// decided in parallel can never together pass a limit that each alone would respect.
/// </summary>
public sealed class CustomerLedgerStore
{
    private readonly TableClient _table;
    private readonly LedgerRetryOptions _retry;

    internal CustomerLedgerStore(TableClient table, LedgerRetryOptions retry)
    {
        _table = table;
        _retry = retry;
    }

    /// <summary>Reads the profile, terms, exposure and the ERP rows asked for, in one query.</summary>
    public async Task<CustomerLedger> ReadAsync(string customerId, IEnumerable<(ErpDocumentKind Kind, string Id)> documents, CancellationToken cancellationToken = default)
    {
        TableKeys.Check(customerId, nameof(customerId));
        ArgumentNullException.ThrowIfNull(documents);
        var keys = documents.Select(d => OrderCheckRows.DocumentKey(d.Kind, d.Id)).ToArray();
        CustomerCreditProfile? profile = null;
        var terms = OrderTerms.None;
        ExposureState? exposure = null;
        string? exposureETag = null;
        var records = new Dictionary<string, ErpRecord>(StringComparer.Ordinal);
        await foreach (var entity in _table.QueryAsync<TableEntity>(OrderCheckRows.Filter(customerId, keys), cancellationToken: cancellationToken))
        {
            switch (entity.RowKey)
            {
                case CreditTableRows.ProfileRowKey:
                    profile = CreditTableRows.ToProfile(entity);
                    break;
                case OrderCheckRows.TermsRowKey:
                    terms = OrderCheckRows.ToTerms(entity);
                    break;
                case OrderCheckRows.ExposureRowKey:
                    exposure = OrderCheckRows.ToExposure(entity);
                    exposureETag = entity.ETag.ToString();
                    break;
                default:
                    if (keys.Contains(entity.RowKey, StringComparer.Ordinal))
                    {
                        records[entity.RowKey] = OrderCheckRows.ToRecord(entity);
                    }

                    break;
            }
        }

        return new CustomerLedger(customerId, profile, terms, exposure, exposureETag, records);
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
            var entity = OrderCheckRows.ToEntity(ledger.CustomerId, exposure);
            actions.Add(ledger.ExposureETag is { } eTag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(eTag))
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
            if (actions.Count == 1)
            {
                // A single row needs no batch; the plain request is cheaper for the emulator and the service.
                var single = actions[0];
                if (single.ActionType == TableTransactionActionType.Add)
                {
                    await _table.AddEntityAsync(single.Entity, cancellationToken);
                }
                else
                {
                    await _table.UpdateEntityAsync(single.Entity, single.ETag, TableUpdateMode.Replace, cancellationToken);
                }
            }
            else
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
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
        ApplyAsync(customerId, documents, decide, null, cancellationToken);

    /// <summary>As the overload without <paramref name="beforeCommit"/>, with a step between deciding and committing.</summary>
    /// <param name="beforeCommit">Runs after each decision that changes something, before its commit:
    /// for what must be on record before the change can be seen (e.g. the hold a held order starts).</param>
    /// <exception cref="ConcurrencyConflictException">Every attempt lost its race.</exception>
    public async Task<T> ApplyAsync<T>(
        string customerId,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> documents,
        Func<CustomerLedger, LedgerOutcome<T>> decide,
        Func<T, CancellationToken, Task>? beforeCommit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 1; ; attempt++)
        {
            var ledger = await ReadAsync(customerId, documents, cancellationToken);
            var outcome = decide(ledger);
            if (outcome.Change is not null && beforeCommit is not null)
            {
                await beforeCommit(outcome.Result, cancellationToken);
            }

            if (outcome.Change is null || await TryCommitAsync(ledger, outcome.Change, cancellationToken))
            {
                return outcome.Result;
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

    /// <summary>Sets the customer's order terms together with the decision that set them.</summary>
    /// <exception cref="ConcurrencyConflictException">The decision is already logged.</exception>
    public async Task SetTermsAsync(string customerId, OrderTerms terms, CreditDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(decision);
        try
        {
            await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, OrderCheckRows.ToEntity(TableKeys.Check(customerId, nameof(customerId)), terms)),
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
