using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Customers;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Storage.Blacklist;

/// <summary>
/// Blacklisting a customer and taking it off again, with what follows for its credit profile and its group
/// (docs/domain.md "Customers": a blacklisted customer gets no credit; fraud runs through groups). The legal case
/// workflow and the blacklist API both come through here.
/// </summary>
/// <remarks>
/// <para>Every step looks at what is stored before it writes, so a call repeated after a crash (an activity retried)
/// finishes what the first began and changes nothing more. Each profile change lands in the decision log with it.</para>
/// <para>Order: blacklisting puts the entry on the list first, then the profile, then the group: from the first write on,
/// onboarding refuses the company. Removal restores the profile and the group first and takes the entry off last, so a
/// removal cut short is finished by repeating it.</para>
/// </remarks>
public sealed class Blacklisting(BlacklistStore list, CreditStore credit)
{
    private const int Attempts = 4;

    /// <summary>
    /// Puts the customer on the blacklist (entry keyed by its registration number), sets its profile status to
    /// Blacklisted (remembering the status before, for a removal), and flags every other company of its group (same
    /// actual controller) that has a profile. Safe to repeat: a second call changes nothing and returns the same result.
    /// </summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="reason">Why, in words.</param>
    /// <param name="source">Internal, an industry list, or a legal case.</param>
    /// <param name="caseId">The legal case, for <see cref="BlacklistSource.LegalCase"/>; otherwise null.</param>
    /// <param name="decidedBy">Who decided: a user, an API key's name, or the workflow.</param>
    /// <param name="at">When, UTC.</param>
    /// <param name="cancellationToken">Cancels the calls to storage.</param>
    /// <exception cref="ArgumentException">No such customer, or a blank reason or decider.</exception>
    public async Task<BlacklistOutcome> BlacklistCustomerAsync(
        string customerId, string reason, BlacklistSource source, string? caseId, string decidedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        var customer = (await credit.Customers.GetAsync(customerId, cancellationToken))?.Value
            ?? throw new ArgumentException($"There is no customer '{customerId}'.", nameof(customerId));
        var profile = (await credit.Profiles.GetAsync(customer.Id, cancellationToken))?.Value;
        CreditProfileStatus? before = profile is { Status: not CreditProfileStatus.Blacklisted } ? profile.Status : null;

        var (entry, added) = await list.AddOnceAsync(
            new BlacklistEntry(customer.RegistrationNumber.Trim(), customer.Name, customer.Id, reason, source, caseId, decidedBy, at) { CustomerStatusBefore = before },
            cancellationToken);
        if (!added && entry.CustomerId is null)
        {
            // On the list before it was known as our customer (an industry list): now it is linked to it.
            entry = await list.LinkCustomerAsync(entry.RegistrationNumber, customer.Id, before, cancellationToken) ?? entry;
        }

        await ChangeProfileAsync(
            customer.Id,
            p => p.Status == CreditProfileStatus.Blacklisted ? null : p with { Status = CreditProfileStatus.Blacklisted },
            p => $"blacklisted ({Words(entry.Source)}): status {p.Status} → Blacklisted, no credit",
            entry.Reason,
            entry,
            decidedBy,
            at,
            cancellationToken);

        var flagged = new List<string>();
        if (customer.ActualController is { Length: > 0 } controller)
        {
            var flag = new GroupBlacklistFlag(customer.Id, customer.Name, controller);
            foreach (var member in await credit.Customers.ListByActualControllerAsync(controller, cancellationToken))
            {
                if (member.Id == customer.Id)
                {
                    continue;
                }

                var after = await ChangeProfileAsync(
                    member.Id,
                    p => p.GroupBlacklistedBy is null ? p with { GroupBlacklistedBy = flag } : null,
                    _ => $"flagged for review: group member {customer.Name} ({customer.Id}), controlled by {controller}, is blacklisted; orders on credit are held",
                    entry.Reason,
                    entry,
                    decidedBy,
                    at,
                    cancellationToken);
                if (after?.GroupBlacklistedBy is not null)
                {
                    flagged.Add(member.Id);
                }
            }
        }

        return new BlacklistOutcome(entry, flagged);
    }

    /// <summary>
    /// Takes the entry off the blacklist (the committee decided): restores the customer's profile status from before,
    /// and clears the group flags it set (pointing them at another blacklisted company of the group, when there is
    /// one). Returns the removed entry, or null when the registration number is not on the list.
    /// </summary>
    /// <param name="registrationNumber">The company's registration number.</param>
    /// <param name="reason">Why, in words.</param>
    /// <param name="decidedBy">Who decided.</param>
    /// <param name="at">When, UTC.</param>
    /// <param name="cancellationToken">Cancels the calls to storage.</param>
    /// <exception cref="ArgumentException">The registration number is not a valid key, or a blank reason or decider.</exception>
    /// <remarks>
    /// A status from before that is unknown (the profile was Blacklisted already when the entry was added, as the demo
    /// data does) is restored to Restricted for a classed customer, Applicant otherwise: off the list, but not back on
    /// full credit before a review.
    /// </remarks>
    public async Task<BlacklistEntry?> RemoveAsync(string registrationNumber, string reason, string decidedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        if (await list.GetAsync(registrationNumber, cancellationToken) is not { } entry)
        {
            return null;
        }

        if (entry.CustomerId is { } customerId)
        {
            await ChangeProfileAsync(
                customerId,
                p => p.Status != CreditProfileStatus.Blacklisted ? null
                    : p with { Status = entry.CustomerStatusBefore ?? (p.Class is null ? CreditProfileStatus.Applicant : CreditProfileStatus.Restricted) },
                p => $"taken off the blacklist by the credit committee: status Blacklisted → {entry.CustomerStatusBefore ?? (p.Class is null ? CreditProfileStatus.Applicant : CreditProfileStatus.Restricted)}",
                reason,
                entry,
                decidedBy,
                at,
                cancellationToken);

            if ((await credit.Customers.GetAsync(customerId, cancellationToken))?.Value is { ActualController: { Length: > 0 } controller })
            {
                await ClearGroupFlagsAsync(customerId, controller, reason, entry, decidedBy, at, cancellationToken);
            }
        }

        return await list.RemoveAsync(registrationNumber, reason, decidedBy, at, cancellationToken);
    }

    private async Task ClearGroupFlagsAsync(
        string customerId, string controller, string reason, BlacklistEntry entry, string decidedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var members = await credit.Customers.ListByActualControllerAsync(controller, cancellationToken);
        var profiles = new Dictionary<string, CustomerCreditProfile>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if ((await credit.Profiles.GetAsync(member.Id, cancellationToken))?.Value is { } p)
            {
                profiles[member.Id] = p;
            }
        }

        // Another company of the group still blacklisted keeps the group flagged, now for it.
        var still = members.FirstOrDefault(m => m.Id != customerId && profiles.TryGetValue(m.Id, out var p) && p.Status == CreditProfileStatus.Blacklisted);
        foreach (var member in members.Where(m => m.Id != customerId))
        {
            var replacement = still is null || still.Id == member.Id ? null : new GroupBlacklistFlag(still.Id, still.Name, controller);
            await ChangeProfileAsync(
                member.Id,
                p => p.GroupBlacklistedBy?.CustomerId == customerId ? p with { GroupBlacklistedBy = replacement } : null,
                _ => replacement is null
                    ? $"group flag cleared: group member {entry.Name} ({customerId}) was taken off the blacklist"
                    : $"group flag now for {replacement.Name} ({replacement.CustomerId}): {entry.Name} ({customerId}) was taken off the blacklist",
                reason,
                entry,
                decidedBy,
                at,
                cancellationToken);
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the customer's profile (null: nothing to change) with a decision logging it,
    /// re-reading on a lost race. Returns the profile as it is afterwards; null when the customer has none.
    /// </summary>
    private async Task<CustomerCreditProfile?> ChangeProfileAsync(
        string customerId,
        Func<CustomerCreditProfile, CustomerCreditProfile?> change,
        Func<CustomerCreditProfile, string> what,
        string why,
        BlacklistEntry entry,
        string decidedBy,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await credit.Profiles.GetAsync(customerId, cancellationToken) is not { } stored)
            {
                return null;
            }

            if (change(stored.Value) is not { } changed)
            {
                return stored.Value;
            }

            var decision = new CreditDecision(
                "blacklist-" + Guid.NewGuid().ToString("N"),
                customerId,
                at,
                decidedBy,
                what(stored.Value),
                why,
                JsonSerializer.Serialize(new
                {
                    entry.RegistrationNumber,
                    entry.Name,
                    blacklistedCustomerId = entry.CustomerId,
                    source = entry.Source.ToString(),
                    entry.CaseId,
                    addedAt = entry.AddedAt.ToString("O", CultureInfo.InvariantCulture),
                }),
                null,
                null);
            try
            {
                return (await credit.Profiles.UpdateAsync(changed, stored.ETag, decision, cancellationToken)).Value;
            }
            catch (ConcurrencyConflictException) when (attempt < Attempts)
            {
                // Someone else changed the profile meanwhile: look at it again and decide again.
            }
        }
    }

    private static string Words(BlacklistSource source) => source switch
    {
        BlacklistSource.IndustryList => "industry list",
        BlacklistSource.LegalCase => "legal case",
        _ => "internal",
    };
}
