using Azure.Data.Tables;
using Azure;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Storage.Approvals;

/// <summary>
/// Approval decisions, partitioned by subject (application or hold), one row per step. A step is
/// decided once: the row is inserted, never replaced, so of two concurrent submissions exactly
/// one is stored and the other gets <see cref="ConcurrencyConflictException"/>.
/// </summary>
public sealed class ApprovalRepository
{
    private readonly TableClient _table;

    internal ApprovalRepository(TableClient table) => _table = table;

    /// <summary>Records the decision of a step.</summary>
    /// <exception cref="ArgumentException">An amount is missing for ApprovedLower, or given for another outcome.</exception>
    /// <exception cref="ConcurrencyConflictException">The step is already decided.</exception>
    public async Task RecordAsync(ApprovalRecord approval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approval);
        if ((approval.Outcome == ApprovalOutcome.ApprovedLower) != approval.ApprovedAmount.HasValue)
        {
            throw new ArgumentException(
                "An approved amount is required for ApprovedLower and not allowed for Approved or Rejected.", nameof(approval));
        }

        var entity = new TableEntity(TableKeys.Check(approval.SubjectId, nameof(approval.SubjectId)), TableKeys.Check(approval.Step, nameof(approval.Step)))
        {
            ["ApproverRole"] = approval.ApproverRole.ToString(),
            ["Outcome"] = approval.Outcome.ToString(),
            ["Comment"] = approval.Comment,
            ["DecidedBy"] = approval.DecidedBy,
            ["DecidedAt"] = approval.DecidedAt,
        };
        MoneyColumns.Write(entity, "ApprovedAmount", approval.ApprovedAmount);
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (StorageErrors.IsConflict(e))
        {
            throw new ConcurrencyConflictException("approval step", $"{approval.SubjectId}/{approval.Step}", "it is already decided.", e);
        }
    }

    /// <summary>The decision of one step, or null while undecided.</summary>
    public async Task<ApprovalRecord?> GetAsync(string subjectId, string step, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Check(subjectId, nameof(subjectId)), TableKeys.Check(step, nameof(step)), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>All decisions on a subject, in the order they were made.</summary>
    public async Task<IReadOnlyList<ApprovalRecord>> ListForSubjectAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        var result = new List<ApprovalRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            $"PartitionKey eq {TableKeys.Quote(TableKeys.Check(subjectId, nameof(subjectId)))}", cancellationToken: cancellationToken))
        {
            result.Add(FromEntity(entity));
        }

        return result.OrderBy(a => a.DecidedAt).ThenBy(a => a.Step, StringComparer.Ordinal).ToList();
    }

    private static ApprovalRecord FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey,
        Enum.Parse<CreditRole>(e.GetString("ApproverRole")),
        Enum.Parse<ApprovalOutcome>(e.GetString("Outcome")),
        MoneyColumns.Read(e, "ApprovedAmount"),
        e.GetString("Comment") ?? string.Empty,
        e.GetString("DecidedBy"),
        e.GetDateTimeOffset("DecidedAt")!.Value);
}
