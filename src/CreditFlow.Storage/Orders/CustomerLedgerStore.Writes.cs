using Azure;
using Azure.Data.Tables;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Storage.Orders;

/// <summary>The writes: a decided change under the ETags it was read with, and the order terms.</summary>
public sealed partial class CustomerLedgerStore
{
    /// <summary>
    /// Writes <paramref name="change"/> if nothing it depends on changed since <paramref name="ledger"/>
    /// was read. Returns false, writing nothing, when it lost a race (an ETag moved or a row to add exists).
    /// </summary>
    public async Task<bool> TryCommitAsync(CustomerLedger ledger, LedgerChange change, CancellationToken cancellationToken = default) =>
        await CommitAsync(ledger, change, cancellationToken) == LedgerCommit.Committed;

    /// <summary>
    /// Writes <paramref name="change"/> if nothing it depends on changed since <paramref name="ledger"/>
    /// was read; otherwise writes nothing and says which race it lost: the exposure row moved, or a
    /// document row did (it exists already, or changed).
    /// </summary>
    public async Task<LedgerCommit> CommitAsync(CustomerLedger ledger, LedgerChange change, CancellationToken cancellationToken = default)
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
            return LedgerCommit.Committed;
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
                if (exposureETag is null || !_remembered.Knows(ledger.CustomerId))
                {
                    _remembered.Forget(ledger.CustomerId);
                }
                else
                {
                    _remembered.Remember(written);
                }
            }

            return LedgerCommit.Committed;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            // Whatever was remembered of the customer may be what lost.
            _remembered.Forget(ledger.CustomerId);

            // The exposure row, when written, is the first action; a transaction says which action failed.
            var failed = actions.Count == 1 ? 0 : (e as TableTransactionFailedException)?.FailedTransactionActionIndex;
            return failed == 0 && change.Exposure is not null ? LedgerCommit.ExposureMoved : LedgerCommit.DocumentMoved;
        }
    }

    /// <summary>Sets the customer's order terms (on the exposure row) together with the decision that set them.</summary>
    /// <exception cref="ConcurrencyConflictException">The decision is already logged.</exception>
    public async Task SetTermsAsync(string customerId, OrderTerms terms, CreditDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(decision);
        _remembered.Forget(customerId);
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
