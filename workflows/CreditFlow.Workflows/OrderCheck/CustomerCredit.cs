using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>Turns what is stored of a customer into the order check's inputs.</summary>
internal static class CustomerCredit
{
    /// <summary>
    /// The domain profile. No profile, an applicant, or a customer never classed is not on the credit
    /// list; status Blacklisted means blacklisted; status Suspended ("shipping stopped") or the terms'
    /// freeze mean a frozen limit; the terms give the prepayment share. The profile's group flag (another company of
    /// the group blacklisted) is carried along, read from the same profile copy: no read of the group per order.
    /// </summary>
    public static CreditProfile Profile(CustomerLedger ledger, Currency currency)
    {
        var stored = ledger.Profile;
        var blacklisted = stored?.Status == CreditProfileStatus.Blacklisted;
        var groupMember = stored?.GroupBlacklistedBy is { } flag ? new BlacklistedGroupMember(flag.CustomerId, flag.Name, flag.ActualController) : null;
        if (stored is null || stored.Status == CreditProfileStatus.Applicant || stored.Class is not { } creditClass)
        {
            return CreditProfile.NotOnCreditList(ledger.CustomerId, currency, blacklisted) with { GroupMemberBlacklisted = groupMember };
        }

        return new CreditProfile(
            ledger.CustomerId,
            creditClass,
            stored.Limit,
            blacklisted,
            ledger.Terms.LimitFrozen || stored.Status == CreditProfileStatus.Suspended,
            ledger.Terms.PrepaymentShare) { GroupMemberBlacklisted = groupMember };
    }

    /// <summary>The components the exposure policy counts.</summary>
    public static CreditExposure Counted(ExposureCalculator calculator, string customerId, CreditExposure raw) =>
        calculator.ForCustomer(new CustomerOpenItems(customerId, null, raw.OpenReceivables, raw.ShippedNotInvoiced, raw.OpenOrders)).Exposure;

    /// <summary>Component-wise difference (an order's share taken out of the customer's exposure).</summary>
    public static CreditExposure Minus(CreditExposure total, CreditExposure part) =>
        new(total.OpenReceivables - part.OpenReceivables, total.ShippedNotInvoiced - part.ShippedNotInvoiced, total.OpenOrders - part.OpenOrders);
}
