using CreditFlow.Domain.Customers;

namespace CreditFlow.Storage.Blacklist;

/// <summary>
/// A company on the blacklist (docs/domain.md "Customers"), keyed by its registration number: industry lists name
/// companies that may not be our customers, and a customer's id would not match them.
/// </summary>
/// <param name="RegistrationNumber">The company's registration number: the key, compared exactly (after trimming).</param>
/// <param name="Name">The company's name as the list or the decider gave it.</param>
/// <param name="CustomerId">Our customer with this registration number; null when it is not a customer.</param>
/// <param name="Reason">Why it is on the list.</param>
/// <param name="Source">Our decision, an industry list, or a legal case.</param>
/// <param name="CaseId">The legal case that put it there; null unless <see cref="BlacklistSource.LegalCase"/>.</param>
/// <param name="DecidedBy">Who put it there: the API key's or the user's name, or the workflow.</param>
/// <param name="AddedAt">When, UTC.</param>
public sealed record BlacklistEntry(
    string RegistrationNumber,
    string Name,
    string? CustomerId,
    string Reason,
    BlacklistSource Source,
    string? CaseId,
    string DecidedBy,
    DateTimeOffset AddedAt)
{
    /// <summary>
    /// The customer's profile status before it was set to Blacklisted, restored when the entry is removed; null when the
    /// company is no customer, has no profile, or was Blacklisted already.
    /// </summary>
    public CreditProfileStatus? CustomerStatusBefore { get; init; }

    /// <summary>The import that added it, for an industry list; null otherwise.</summary>
    public string? ImportId { get; init; }

    /// <summary>How it came off the list; null while it is on.</summary>
    public BlacklistRemoval? Removal { get; init; }
}
