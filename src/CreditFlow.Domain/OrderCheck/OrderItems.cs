using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.OrderCheck;

/// <summary>An order (or a shipment of one) to be checked.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Amount">Its amount; its currency must be the limit's.</param>
/// <param name="OrderDate">When it was placed.</param>
/// <param name="PrepaymentReceived">Prepayment finance has confirmed for this order.</param>
public sealed record OrderRequest(string OrderId, Money Amount, DateOnly OrderDate, Money PrepaymentReceived)
{
    /// <summary>An order with no prepayment received.</summary>
    public OrderRequest(string orderId, Money amount, DateOnly orderDate)
        : this(orderId, amount, orderDate, Money.Zero(amount.Currency))
    {
    }

    /// <summary>The part of the order shipped on credit: the amount less the prepayment, never below zero.</summary>
    /// <exception cref="CurrencyMismatchException">The prepayment is in another currency.</exception>
    public Money CreditPart => Money.Max(Amount - PrepaymentReceived, Money.Zero(Amount.Currency));
}

/// <summary>A release granted earlier for an order: by the rules or by an approver.</summary>
/// <param name="OrderId">The released order.</param>
/// <param name="ReleasedAmount">The amount released.</param>
/// <param name="ReleasedOn">When it was released.</param>
public sealed record OrderRelease(string OrderId, Money ReleasedAmount, DateOnly ReleasedOn);
