using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>One customer as the credit book counts it: where it is, how it is rated, what it may use and what it uses.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Industry">Its industry as on file; null when not given.</param>
/// <param name="Class">Its credit class; null when it was never rated.</param>
/// <param name="Status">Its profile's status; null without a profile.</param>
/// <param name="Limit">Its limit; null without a profile.</param>
/// <param name="Exposure">What it uses (owed, shipped not invoiced, ordered); null when nothing was ever booked.</param>
/// <param name="Region">The province it was registered in (<see cref="RegistrationRegion"/>).</param>
public sealed record BookedCustomer(string CustomerId, string? Industry, CreditClass? Class, CreditProfileStatus? Status, Money? Limit, Money? Exposure, string Region = RegistrationRegion.NotKnown)
{
    /// <summary>
    /// Whether its limit takes a share of the company's total line: while it may buy on it (trial, active, restricted); a
    /// suspended, blacklisted or applicant customer's limit is not usable.
    /// </summary>
    public bool LimitInUse => Status is CreditProfileStatus.Trial or CreditProfileStatus.Active or CreditProfileStatus.Restricted && Limit is not null;

    /// <summary>Its limit in use when it is in <paramref name="currency"/>; null otherwise.</summary>
    public Money? LimitIn(Currency currency) => LimitInUse && Limit!.Value.Currency == currency ? Limit : null;

    /// <summary>Its exposure when it is in <paramref name="currency"/> and not nothing (one that came back to nothing does not count).</summary>
    public Money? ExposureIn(Currency currency) => Exposure is { Amount: not 0m } e && e.Currency == currency ? e : null;

    /// <summary>The currencies it has a limit in use or an exposure in.</summary>
    public IEnumerable<Currency> Currencies =>
        new[] { LimitInUse ? Limit?.Currency : null, Exposure is { Amount: not 0m } e ? e.Currency : null }.OfType<Currency>().Distinct();
}
