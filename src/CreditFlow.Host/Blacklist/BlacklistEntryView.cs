using CreditFlow.Domain.Customers;
using CreditFlow.Storage.Blacklist;

namespace CreditFlow.Host.Blacklist;

/// <summary>A blacklist entry as the API shows it.</summary>
/// <param name="RegistrationNumber">The key.</param>
/// <param name="Name">The company.</param>
/// <param name="CustomerId">Our customer, when it is one.</param>
/// <param name="Reason">Why it is on the list.</param>
/// <param name="Source">internal, industryList or legalCase.</param>
/// <param name="CaseId">The legal case, when from one.</param>
/// <param name="DecidedBy">Who put it there.</param>
/// <param name="AddedAt">When.</param>
/// <param name="ImportId">The industry-list import that added it.</param>
/// <param name="RemovedBy">Who took it off (removed entries only).</param>
/// <param name="RemovedAt">When.</param>
/// <param name="RemovalReason">Why.</param>
/// <param name="GroupMembersFlagged">On adding a customer: the other companies of its group whose orders are now held.</param>
public sealed record BlacklistEntryView(
    string RegistrationNumber,
    string Name,
    string? CustomerId,
    string Reason,
    string Source,
    string? CaseId,
    string DecidedBy,
    DateTimeOffset AddedAt,
    string? ImportId,
    string? RemovedBy,
    DateTimeOffset? RemovedAt,
    string? RemovalReason,
    IReadOnlyList<string>? GroupMembersFlagged = null)
{
    public static BlacklistEntryView From(BlacklistEntry e, IReadOnlyList<string>? groupMembersFlagged = null) => new(
        e.RegistrationNumber, e.Name, e.CustomerId, e.Reason, SourceName(e.Source), e.CaseId, e.DecidedBy, e.AddedAt, e.ImportId,
        e.Removal?.DecidedBy, e.Removal?.At, e.Removal?.Reason, groupMembersFlagged);

    /// <summary>The source as the API spells it: internal, industryList, legalCase.</summary>
    public static string SourceName(BlacklistSource source) => char.ToLowerInvariant(source.ToString()[0]) + source.ToString()[1..];
}
