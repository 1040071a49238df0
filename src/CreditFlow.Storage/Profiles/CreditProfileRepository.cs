using Azure;
using Azure.Data.Tables;

namespace CreditFlow.Storage.Profiles;

/// <summary>
/// Credit profiles. There is no write without a <see cref="CreditDecision"/>: each create or
/// update is one entity-group transaction of the profile row, its decision row and the profile's
/// copy on the order check's exposure row, all in the customer's partition of the credit table, so
/// either all are stored or none.
/// </summary>
public sealed class CreditProfileRepository
{
    private const string Kind = "credit profile";
    private readonly TableClient _table;

    internal CreditProfileRepository(TableClient table) => _table = table;

    /// <summary>The profile, or null.</summary>
    public async Task<Stored<CustomerCreditProfile>?> GetAsync(string customerId, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Check(customerId, nameof(customerId)), CreditTableRows.ProfileRowKey, cancellationToken: cancellationToken);
        return response.HasValue
            ? new Stored<CustomerCreditProfile>(CreditTableRows.ToProfile(response.Value!), response.Value!.ETag.ToString())
            : null;
    }

    /// <summary>Creates the profile together with the decision that created it.</summary>
    /// <exception cref="ConcurrencyConflictException">The customer already has a profile (or the decision exists).</exception>
    public Task<Stored<CustomerCreditProfile>> CreateAsync(CustomerCreditProfile profile, CreditDecision decision, CancellationToken cancellationToken = default) =>
        WriteAsync(profile, new TableTransactionAction(TableTransactionActionType.Add, CreditTableRows.ToEntity(profile)), decision, cancellationToken);

    /// <summary>
    /// Replaces the profile if it is unchanged since it was read with <paramref name="eTag"/>, and
    /// logs <paramref name="decision"/> in the same transaction.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The profile changed in between (or was never created); nothing is written.</exception>
    public Task<Stored<CustomerCreditProfile>> UpdateAsync(
        CustomerCreditProfile profile, string eTag, CreditDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eTag);
        return WriteAsync(
            profile,
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, CreditTableRows.ToEntity(profile), new ETag(eTag)),
            decision,
            cancellationToken);
    }

    private async Task<Stored<CustomerCreditProfile>> WriteAsync(
        CustomerCreditProfile profile, TableTransactionAction profileAction, CreditDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(decision);
        if (!string.Equals(profile.CustomerId, decision.CustomerId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The decision is for customer '{decision.CustomerId}' but the profile for '{profile.CustomerId}'.", nameof(decision));
        }

        var decisionAction = new TableTransactionAction(TableTransactionActionType.Add, CreditTableRows.ToEntity(decision));

        // The order check reads the profile from its copy on the exposure row: one point read per order.
        var copyAction = new TableTransactionAction(TableTransactionActionType.UpsertMerge, Orders.OrderCheckRows.ProfileCopy(profile));
        try
        {
            var response = await _table.SubmitTransactionAsync([profileAction, decisionAction, copyAction], cancellationToken);
            var eTag = response.Value[0].Headers.ETag;
            if (eTag is null)
            {
                // Not every emulator returns per-operation ETags in the batch response.
                return (await GetAsync(profile.CustomerId, cancellationToken))!;
            }

            return new Stored<CustomerCreditProfile>(profile, eTag.Value.ToString());
        }
        catch (TableTransactionFailedException e) when (StorageErrors.IsConflict(e) || e.Status == 404)
        {
            throw StorageErrors.Conflict(Kind, profile.CustomerId, e);
        }
    }
}
