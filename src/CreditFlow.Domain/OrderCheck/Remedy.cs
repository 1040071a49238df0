using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.OrderCheck;

/// <summary>What would clear a hold reason.</summary>
public enum RemedyKind
{
    /// <summary>The customer pays this amount of its open receivables.</summary>
    Pay,

    /// <summary>An approver grants a temporary limit increase of this amount.</summary>
    TemporaryLimitIncrease,

    /// <summary>The customer prepays this further amount of the order.</summary>
    Prepay,

    /// <summary>
    /// The credit committee grants an exception to a no-credit rule (blacklist, class D): this amount, the order's
    /// credit part, ships on credit.
    /// </summary>
    CommitteeException,
}

/// <summary>One way to make a held order pass; each remedy on its own clears the reason it names.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Amount">How much: to pay, to add to the limit, to prepay on top of what was received, or to grant on credit by exception.</param>
/// <param name="Clears">The reason kind it clears.</param>
/// <param name="Explanation">A sentence for the customer or approver.</param>
/// <param name="PrepaidShare">For <see cref="RemedyKind.Prepay"/>: the share of the order prepaid in total once it is paid (e.g. 0.3 = 30%).</param>
public sealed record Remedy(RemedyKind Kind, Money Amount, HoldReasonKind Clears, string Explanation, decimal? PrepaidShare = null);
