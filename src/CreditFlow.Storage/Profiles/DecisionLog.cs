using Azure;
using Azure.Data.Tables;

namespace CreditFlow.Storage.Profiles;

/// <summary>
/// The append-only log of documented credit decisions, per customer, newest first. Decisions
/// that change a profile are written by <see cref="CreditProfileRepository"/> in the same
/// transaction; the rest (e.g. a rejected application) are appended here.
/// </summary>
public sealed class DecisionLog
{
    private readonly TableClient _table;

    internal DecisionLog(TableClient table) => _table = table;

    /// <summary>Appends a decision that changes no profile.</summary>
    /// <exception cref="ConcurrencyConflictException">A decision with this id and time is already logged.</exception>
    public async Task AppendAsync(CreditDecision decision, CancellationToken cancellationToken = default)
    {
        var entity = CreditTableRows.ToEntity(decision);
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageErrors.IsConflict(e))
        {
            throw StorageErrors.Conflict("credit decision", decision.Id, e);
        }
    }

    /// <summary>
    /// True when the decision <paramref name="decisionId"/> made at <paramref name="decidedAt"/> is
    /// logged: a retried activity asks this to learn that its earlier attempt already wrote it.
    /// </summary>
    public async Task<bool> ContainsAsync(string customerId, string decisionId, DateTimeOffset decidedAt, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Check(customerId, nameof(customerId)), CreditTableRows.DecisionRowKey(decidedAt, TableKeys.Check(decisionId, nameof(decisionId))),
            select: ["PartitionKey"], cancellationToken: cancellationToken);
        return response.HasValue;
    }

    /// <summary>
    /// The customer's decisions that belong to an application (onboarding's: scorings, approvals, grants), newest first —
    /// all of them, however many later decisions (dunning, reviews, holds) the customer has.
    /// </summary>
    public Task<IReadOnlyList<CreditDecision>> ListForApplicationsAsync(string customerId, CancellationToken cancellationToken = default) =>
        // A comparison with a column a row lacks is false, so this keeps the rows that name an application.
        QueryAsync($"{DecisionRows(customerId)} and ApplicationId ge ''", max: null, cancellationToken);

    /// <summary>
    /// Every customer's decisions that belong to an application, taken on <paramref name="since"/> or later: what a
    /// credit policy's simulation assesses again. A scan of the decision rows across customers, for occasional use.
    /// </summary>
    public Task<IReadOnlyList<CreditDecision>> ListForApplicationsSinceAsync(DateOnly since, CancellationToken cancellationToken = default)
    {
        // Decision row keys count down from the latest, so those on or after a day sort before that day's bound.
        var bound = CreditTableRows.DecisionRowKey(new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "");
        return QueryAsync(
            $"RowKey ge '{CreditTableRows.DecisionPrefix}' and RowKey lt {TableKeys.Quote(bound[..^1] + "}")} and ApplicationId ge ''", max: null, cancellationToken);
    }

    /// <summary>The customer's decisions, newest first, at most <paramref name="max"/>.</summary>
    public Task<IReadOnlyList<CreditDecision>> ListForCustomerAsync(string customerId, int max = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return QueryAsync(DecisionRows(customerId), max, cancellationToken);
    }

    /// <summary>The decisions a filter selects, in row order, at most <paramref name="max"/> when given.</summary>
    private async Task<IReadOnlyList<CreditDecision>> QueryAsync(string filter, int? max, CancellationToken cancellationToken)
    {
        var result = new List<CreditDecision>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: max is { } most ? Math.Min(most, 1000) : null, cancellationToken: cancellationToken))
        {
            result.Add(CreditTableRows.ToDecision(entity));
            if (result.Count == max)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>The filter of the customer's decision rows.</summary>
    private static string DecisionRows(string customerId)
    {
        var partition = TableKeys.Quote(TableKeys.Check(customerId, nameof(customerId)));

        // '}' follows '|' in ASCII, so this range holds exactly the decision rows.
        return $"PartitionKey eq {partition} and RowKey ge '{CreditTableRows.DecisionPrefix}' and RowKey lt 'decision}}'";
    }
}
