using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.OrderCheck;

/// <summary>Why an order is held (docs/domain.md "Order-to-shipment check").</summary>
public enum HoldReasonKind
{
    /// <summary>The customer is not on the credit list: onboarding first.</summary>
    NotOnCreditList,

    /// <summary>The customer is blacklisted: no credit.</summary>
    Blacklisted,

    /// <summary>Class D: no credit.</summary>
    ClassD,

    /// <summary>The credit limit is frozen.</summary>
    LimitFrozen,

    /// <summary>Prepayment is required and not (fully) received.</summary>
    PrepaymentNotReceived,

    /// <summary>An invoice is overdue at or beyond the stop line.</summary>
    OverdueBeyondStopLine,

    /// <summary>Exposure plus the order's credit part exceeds the limit.</summary>
    OverLimit,

    /// <summary>
    /// Another company of the customer's group (same actual controller) is blacklisted: the customer is flagged for
    /// review and gets no credit until someone with the authority releases the order.
    /// </summary>
    /// <remarks>Added last so the numbers of the kinds above, kept in the history of existing holds, do not move.</remarks>
    GroupMemberBlacklisted,
}

/// <summary>One reason an order is held, with the figures behind it.</summary>
/// <param name="Kind">What kind of reason.</param>
/// <param name="Explanation">A sentence for the approver.</param>
/// <param name="Amount">The amount concerned: the excess over the limit, the missing prepayment, or the overdue invoice's open amount.</param>
/// <param name="InvoiceId">The overdue invoice, for <see cref="HoldReasonKind.OverdueBeyondStopLine"/>.</param>
/// <param name="DaysOverdue">Its days overdue.</param>
public sealed record HoldReason(HoldReasonKind Kind, string Explanation, Money? Amount = null, string? InvoiceId = null, int? DaysOverdue = null);
