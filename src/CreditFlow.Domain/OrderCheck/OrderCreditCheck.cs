using System.Globalization;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.OrderCheck;

/// <summary>
/// The order-to-shipment check (docs/domain.md "Order-to-shipment check"): clean orders pass; the rest are held with
/// every reason, the approver whose authority covers them and the remedies that would clear them.
/// </summary>
/// <remarks>
/// <para>Rules, given the order's <em>credit part</em> (amount less the prepayment received):</para>
/// <list type="bullet">
/// <item>Not on the credit list, blacklisted, a group member blacklisted, class D, limit frozen: held when the credit part is
/// above zero; full prepayment clears them (no credit is granted). A customer not on the credit list
/// is not checked against class or limit, which it does not have yet.</item>
/// <item>Prepayment: held while the prepayment received is below the profile's share of the amount.</item>
/// <item>Stop line: held for every open invoice whose days overdue reach the stop line, whatever the
/// prepayment (the contract suspends shipping).</item>
/// <item>Limit: held when exposure + credit part exceeds the limit; the excess is stated.</item>
/// </list>
/// <para>Remedies: each clears the reason it names. A blacklisted or class-D customer gets no credit, so its hold
/// offers only full prepayment or a credit committee exception, whatever else is wrong.</para>
/// <para>The exposure passed in must not already contain the order being checked.</para>
/// <para>Approver: the authority tier for the amount at stake (exposure + credit part), raised to the
/// policy's minimum role for any reason present; a minimum role absent from the matrix means the top tier.</para>
/// </remarks>
/// <param name="policy">Stop line, release tolerance, minimum approvers.</param>
/// <param name="authority">The authority matrix.</param>
public sealed class OrderCreditCheck(OrderCheckPolicy policy, AuthorityMatrix authority)
{
    private readonly OrderCheckPolicy policy = policy ?? throw new ArgumentNullException(nameof(policy));
    private readonly AuthorityMatrix authority = authority ?? throw new ArgumentNullException(nameof(authority));

    /// <summary>Checks an order on <paramref name="today"/>.</summary>
    /// <param name="profile">The customer's credit standing.</param>
    /// <param name="exposure">The customer's exposure without this order.</param>
    /// <param name="openInvoices">The customer's invoices not fully paid.</param>
    /// <param name="order">The order.</param>
    /// <param name="today">The day of the check.</param>
    /// <exception cref="ArgumentException">The profile belongs to nobody or an argument is null.</exception>
    /// <exception cref="CurrencyMismatchException">Order, exposure, limit, invoices or authority matrix are in different currencies.</exception>
    public OrderDecision Check(CreditProfile profile, CreditExposure exposure, IEnumerable<Invoice> openInvoices, OrderRequest order, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(exposure);
        ArgumentNullException.ThrowIfNull(openInvoices);
        ArgumentNullException.ThrowIfNull(order);

        var currency = order.Amount.Currency;
        var zero = Money.Zero(currency);
        var creditPart = order.CreditPart;
        var atStake = exposure.Total + creditPart;
        var reasons = new List<HoldReason>();
        var remedies = new List<Remedy>();

        // Reasons that only matter while the order carries credit; a full prepayment clears each.
        void NoCredit(HoldReasonKind kind, string why)
        {
            reasons.Add(new HoldReason(kind, why));
            remedies.Add(Prepay(order, creditPart, kind, $"prepay the remaining {creditPart} (100% of the order): no credit is extended"));
        }

        if (creditPart > zero)
        {
            if (!profile.OnCreditList)
            {
                NoCredit(HoldReasonKind.NotOnCreditList, $"{HoldText.Customer(profile.CustomerId)} is not on the credit list: onboarding first");
            }

            if (profile.Blacklisted)
            {
                NoCredit(HoldReasonKind.Blacklisted, $"{HoldText.Customer(profile.CustomerId)} is blacklisted: no credit");
            }

            if (profile.GroupMemberBlacklisted is { } member)
            {
                NoCredit(HoldReasonKind.GroupMemberBlacklisted, $"group member {member.Name} ({member.CustomerId}), controlled by {member.ActualController}, is blacklisted");
            }

            if (profile.Class == CreditClass.D)
            {
                NoCredit(HoldReasonKind.ClassD, $"{HoldText.Customer(profile.CustomerId)} is class D: no credit");
            }

            if (profile.LimitFrozen)
            {
                NoCredit(HoldReasonKind.LimitFrozen, $"the credit limit of {HoldText.Customer(profile.CustomerId)} is frozen");
            }
        }

        var requiredPrepayment = order.Amount * profile.PrepaymentShare;
        if (order.PrepaymentReceived < requiredPrepayment)
        {
            var missing = requiredPrepayment - order.PrepaymentReceived;
            reasons.Add(new HoldReason(HoldReasonKind.PrepaymentNotReceived, $"prepayment of {Percent(profile.PrepaymentShare)} ({requiredPrepayment}) required, {order.PrepaymentReceived} received: {missing} missing", missing));
            remedies.Add(new Remedy(RemedyKind.Prepay, missing, HoldReasonKind.PrepaymentNotReceived, $"prepay {missing} more ({Percent(profile.PrepaymentShare)} of the order)", profile.PrepaymentShare));
        }

        var overdue = openInvoices
            .Where(i => i.Open > zero && i.DaysOverdue(today) >= policy.StopLineDaysOverdue)
            .OrderByDescending(i => i.DaysOverdue(today))
            .ThenBy(i => i.InvoiceId, StringComparer.Ordinal)
            .ToArray();
        foreach (var invoice in overdue)
        {
            reasons.Add(new HoldReason(
                HoldReasonKind.OverdueBeyondStopLine,
                $"invoice {invoice.InvoiceId} is {invoice.DaysOverdue(today)} days overdue with {invoice.Open} open (stop line {policy.StopLineDaysOverdue} days)",
                invoice.Open,
                invoice.InvoiceId,
                invoice.DaysOverdue(today)));
        }

        if (overdue.Length > 0)
        {
            var toPay = overdue.Aggregate(zero, (sum, i) => sum + i.Open);
            remedies.Add(new Remedy(RemedyKind.Pay, toPay, HoldReasonKind.OverdueBeyondStopLine, $"pay the {overdue.Length} invoice(s) overdue beyond the stop line: {toPay}"));
        }

        if (profile.OnCreditList && creditPart > zero && atStake > profile.Limit)
        {
            var excess = atStake - profile.Limit;
            reasons.Add(new HoldReason(HoldReasonKind.OverLimit, $"over limit by {excess}: exposure {exposure.Total} + order {creditPart} > limit {profile.Limit}", excess));
            if (excess <= exposure.OpenReceivables)
            {
                remedies.Add(new Remedy(RemedyKind.Pay, excess, HoldReasonKind.OverLimit, $"pay {excess} of open receivables"));
            }

            remedies.Add(new Remedy(RemedyKind.TemporaryLimitIncrease, excess, HoldReasonKind.OverLimit, $"grant a temporary limit increase of {excess} (to {profile.Limit + excess})"));
            var prepay = Money.Min(excess, creditPart);
            remedies.Add(Prepay(order, prepay, HoldReasonKind.OverLimit, $"prepay {prepay} more"));
        }

        if (reasons.Count == 0)
        {
            return new OrderDecision(order.OrderId, OrderOutcome.Pass, [], atStake, null, [], []);
        }

        if (reasons.FirstOrDefault(r => r.Kind is HoldReasonKind.Blacklisted or HoldReasonKind.ClassD) is { } noCredit)
        {
            remedies = NoCreditRemedies(profile, order, creditPart, noCredit.Kind);
        }

        var approver = reasons
            .Select(r => policy.MinimumApprover.TryGetValue(r.Kind, out var role) ? authority.TierAtLeast(role) : null)
            .OfType<AuthorityTier>()
            .Aggregate(authority.TierFor(atStake), AuthorityMatrix.Higher);
        return new OrderDecision(order.OrderId, OrderOutcome.Hold, reasons, atStake, approver, authority.ApprovalSteps(approver), remedies);
    }

    /// <summary>
    /// Checks a shipment of an order. A shipment covered by an earlier release of the same order — at
    /// most the released amount plus the amount tolerance, on or after the release day and at most the
    /// days tolerance after it — passes without a new check, so a release is not blocked again.
    /// Otherwise it is checked like an order.
    /// </summary>
    /// <inheritdoc cref="Check" path="/exception"/>
    public OrderDecision CheckShipment(CreditProfile profile, CreditExposure exposure, IEnumerable<Invoice> openInvoices, OrderRequest shipment, OrderRelease? release, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        if (release is not null && IsCovered(shipment, release, today))
        {
            return new OrderDecision(shipment.OrderId, OrderOutcome.Pass, [], exposure.Total + shipment.CreditPart, null, [], [], CoveredByRelease: true);
        }

        return Check(profile, exposure, openInvoices, shipment, today);
    }

    /// <summary>True when <paramref name="release"/> still covers <paramref name="shipment"/> on <paramref name="today"/>.</summary>
    /// <exception cref="CurrencyMismatchException">The shipment and the release are in different currencies.</exception>
    public bool IsCovered(OrderRequest shipment, OrderRelease release, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(release);
        var days = today.DayNumber - release.ReleasedOn.DayNumber;
        return release.OrderId == shipment.OrderId
            && days >= 0
            && days <= policy.ReleaseDaysTolerance
            && shipment.Amount <= release.ReleasedAmount * (1m + policy.ReleaseAmountTolerance);
    }

    /// <summary>
    /// The only remedies of a blacklisted or class-D customer's hold: no credit is granted (100% prepayment), or the
    /// credit committee makes an exception. Paying receivables, a limit increase or a partial prepayment would leave the
    /// customer without any credit standing, so they are not offered.
    /// </summary>
    private static List<Remedy> NoCreditRemedies(CreditProfile profile, OrderRequest order, Money creditPart, HoldReasonKind kind)
    {
        var standing = kind == HoldReasonKind.Blacklisted ? "blacklisted" : "class D";
        return
        [
            Prepay(order, creditPart, kind, $"prepay the remaining {creditPart} (100% of the order): no credit is extended"),
            new Remedy(RemedyKind.CommitteeException, creditPart, kind, $"the credit committee grants an exception: {creditPart} on credit although {HoldText.Customer(profile.CustomerId)} is {standing}"),
        ];
    }

    private static Remedy Prepay(OrderRequest order, Money extra, HoldReasonKind clears, string explanation) =>
        new(RemedyKind.Prepay, extra, clears, explanation, order.Amount.Amount == 0m ? 1m : (order.PrepaymentReceived + extra).Amount / order.Amount.Amount);

    private static string Percent(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
