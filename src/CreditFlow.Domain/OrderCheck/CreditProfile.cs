using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.OrderCheck;

/// <summary>What the order check needs to know of a customer's credit standing.</summary>
public sealed record CreditProfile
{
    /// <summary>Creates the profile of a customer on the credit list.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="creditClass">Its class; D means no credit.</param>
    /// <param name="limit">Its credit limit.</param>
    /// <param name="blacklisted">On the internal or an industry blacklist.</param>
    /// <param name="limitFrozen">The limit is frozen (e.g. by a yellow warning).</param>
    /// <param name="prepaymentShare">Share of each order to prepay, 0 for none, 1 for full prepayment.</param>
    /// <exception cref="ArgumentException">The id is blank, the limit negative, or the share outside 0..1.</exception>
    public CreditProfile(string customerId, CreditClass creditClass, Money limit, bool blacklisted = false, bool limitFrozen = false, decimal prepaymentShare = 0m)
        : this(customerId, true, creditClass, limit, blacklisted, limitFrozen, prepaymentShare)
    {
    }

    private CreditProfile(string customerId, bool onCreditList, CreditClass? creditClass, Money limit, bool blacklisted, bool limitFrozen, decimal prepaymentShare)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        if (limit.IsNegative)
        {
            throw new ArgumentException($"A credit limit cannot be negative, was {limit}.", nameof(limit));
        }

        if (prepaymentShare is < 0m or > 1m)
        {
            throw new ArgumentException($"A prepayment share must be between 0 and 1, was {prepaymentShare}.", nameof(prepaymentShare));
        }

        CustomerId = customerId;
        OnCreditList = onCreditList;
        Class = creditClass;
        Limit = limit;
        Blacklisted = blacklisted;
        LimitFrozen = limitFrozen;
        PrepaymentShare = prepaymentShare;
    }

    /// <summary>A customer not (yet) on the credit list: it has no class and no limit and must go through onboarding.</summary>
    /// <exception cref="ArgumentException">The id is blank.</exception>
    public static CreditProfile NotOnCreditList(string customerId, Currency currency, bool blacklisted = false) =>
        new(customerId, false, null, Money.Zero(currency), blacklisted, false, 0m);

    /// <summary>The customer.</summary>
    public string CustomerId { get; }

    /// <summary>True when the customer has been granted credit terms.</summary>
    public bool OnCreditList { get; }

    /// <summary>Its credit class; <c>null</c> when not on the credit list.</summary>
    public CreditClass? Class { get; }

    /// <summary>Its credit limit (zero when not on the credit list).</summary>
    public Money Limit { get; }

    /// <summary>On the internal or an industry blacklist.</summary>
    public bool Blacklisted { get; }

    /// <summary>
    /// The blacklisted company of the customer's group, when one is: its orders on credit are held for it. Null when
    /// no other company of the group is blacklisted.
    /// </summary>
    public BlacklistedGroupMember? GroupMemberBlacklisted { get; init; }

    /// <summary>The limit is frozen.</summary>
    public bool LimitFrozen { get; }

    /// <summary>Share of each order to prepay (0..1).</summary>
    public decimal PrepaymentShare { get; }
}
