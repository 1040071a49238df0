using CreditFlow.Domain.Roles;
using CreditFlow.Host.Applications;
using CreditFlow.Storage;
using CreditFlow.Storage.Blacklist;
using CreditFlow.Storage.Customers;

namespace CreditFlow.Host.Blacklist;

/// <summary>
/// What the blacklist API and the blacklist page both do: add a company (through <see cref="Blacklisting"/> when it is
/// our customer), import an industry list, take a company off (the committee only). Nothing is stored on any problem.
/// </summary>
internal sealed class BlacklistDesk(BlacklistStore list, Blacklisting blacklisting, CustomerRepository customers)
{
    /// <summary>Who alone takes a company off the blacklist.</summary>
    public const CreditRole Remover = CreditRole.CreditCommittee;

    /// <summary>
    /// Adds the company of a valid <paramref name="body"/>: the entry (the stored one when on the list already), whether
    /// this call added it, and the group members flagged; or the field problems (an unknown customer, a customer of
    /// another registration number).
    /// </summary>
    public async Task<(BlacklistEntry? Entry, bool Added, IReadOnlyList<string> Flagged, FieldErrors Errors)> AddAsync(
        AddToBlacklistBody body, string decidedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var number = body.RegistrationNumber!.Trim();
        Customer? customer = null;
        if (body.CustomerId is { } id)
        {
            customer = (await customers.GetAsync(id, cancellationToken))?.Value;
            if (customer is null)
            {
                errors.Add("customerId", $"names no customer: there is no customer '{id}'. Leave it out for a company that is not our customer.");
            }
            else if (!string.Equals(customer.RegistrationNumber.Trim(), number, StringComparison.Ordinal))
            {
                errors.Add("customerId", $"is registered under {customer.RegistrationNumber}, not {number}.");
            }
        }
        else
        {
            // A company known to us is blacklisted as our customer, with its profile and group, whoever typed it in.
            customer = (await customers.ListByRegistrationNumberAsync(number, cancellationToken)).FirstOrDefault();
        }

        if (!errors.IsEmpty)
        {
            return (null, false, [], errors);
        }

        var before = await list.GetAsync(number, cancellationToken);
        if (customer is not null)
        {
            var outcome = await blacklisting.BlacklistCustomerAsync(customer.Id, body.Reason!.Trim(), body.ParsedSource, null, decidedBy, at, cancellationToken);
            return (outcome.Entry, before is null, outcome.GroupMembersFlagged, errors);
        }

        var (entry, added) = await list.AddOnceAsync(
            new BlacklistEntry(number, body.Name!.Trim(), null, body.Reason!.Trim(), body.ParsedSource, null, decidedBy, at), cancellationToken);
        return (entry, added, [], errors);
    }

    /// <summary>
    /// Imports an industry list whole or not at all (<see cref="BlacklistStore.ImportAsync"/>); then blacklists our
    /// customers on it, profile and group, which repeating the import completes if it was cut short.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">A company of the list was added meanwhile; nothing was imported.</exception>
    public async Task<(BlacklistImportView? Imported, FieldErrors Errors)> ImportAsync(TextReader csv, string decidedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (entries, errors) = await IndustryListCsv.ReadAsync(csv, decidedBy, at, cancellationToken);
        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var importId = "import-" + at.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var import = await list.ImportAsync(entries, importId, cancellationToken);
        var ours = await customers.ListByRegistrationNumbersAsync(entries.Select(e => e.RegistrationNumber), cancellationToken);
        foreach (var customer in ours)
        {
            var entry = entries.First(e => e.RegistrationNumber == customer.RegistrationNumber.Trim());
            await blacklisting.BlacklistCustomerAsync(customer.Id, entry.Reason, entry.Source, null, decidedBy, at, cancellationToken);
        }

        return (new BlacklistImportView(
            import.ImportId,
            import.Added.Select(e => e.RegistrationNumber).ToArray(),
            import.AlreadyListed.Select(e => e.RegistrationNumber).ToArray(),
            ours.Select(c => c.Id).ToArray()), errors);
    }

    /// <summary>Takes a company off when <paramref name="role"/> is the committee's: the removed entry, or null when not on the list.</summary>
    /// <exception cref="UnauthorizedAccessException">Another role: nothing was changed.</exception>
    public Task<BlacklistEntry?> RemoveAsync(string registrationNumber, string reason, string decidedBy, CreditRole role, DateTimeOffset at, CancellationToken cancellationToken) =>
        role == Remover
            ? blacklisting.RemoveAsync(registrationNumber, reason, decidedBy, at, cancellationToken)
            : throw new UnauthorizedAccessException(NotTheCommittee(decidedBy, role));

    /// <summary>What a role other than the committee's is told when it tries to take a company off.</summary>
    public static string NotTheCommittee(string who, CreditRole role) =>
        $"The credit committee decides whether a company comes off the blacklist; {who} has the role {role}. Nothing was changed.";
}
