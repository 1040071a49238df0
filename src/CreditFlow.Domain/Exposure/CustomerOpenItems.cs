using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Exposure;

/// <summary>A customer's open amounts, as the ledgers report them, in one currency.</summary>
public sealed record CustomerOpenItems
{
    /// <summary>Creates the open amounts of one customer.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="actualControllerId">Who actually controls the customer; customers sharing one form a group. <c>null</c> when unknown: the customer is its own group.</param>
    /// <param name="openReceivables">Invoiced and not paid.</param>
    /// <param name="shippedNotInvoiced">Shipped and not yet invoiced.</param>
    /// <param name="openOrders">Accepted and not yet shipped.</param>
    /// <exception cref="ArgumentException">The customer id is blank or an amount is negative.</exception>
    /// <exception cref="CurrencyMismatchException">The amounts are not in one currency.</exception>
    public CustomerOpenItems(string customerId, string? actualControllerId, Money openReceivables, Money shippedNotInvoiced, Money openOrders)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        foreach (var (amount, name) in new[] { (openReceivables, nameof(openReceivables)), (shippedNotInvoiced, nameof(shippedNotInvoiced)), (openOrders, nameof(openOrders)) })
        {
            if (amount.IsNegative)
            {
                throw new ArgumentException($"An open amount cannot be negative, was {amount}.", name);
            }

            if (amount.Currency != openReceivables.Currency)
            {
                throw new CurrencyMismatchException(openReceivables.Currency, amount.Currency);
            }
        }

        CustomerId = customerId;
        ActualControllerId = string.IsNullOrWhiteSpace(actualControllerId) ? null : actualControllerId;
        OpenReceivables = openReceivables;
        ShippedNotInvoiced = shippedNotInvoiced;
        OpenOrders = openOrders;
    }

    /// <summary>The customer.</summary>
    public string CustomerId { get; }

    /// <summary>The actual controller, or <c>null</c> when unknown.</summary>
    public string? ActualControllerId { get; }

    /// <summary>The group this customer is seen in: its actual controller, else itself.</summary>
    public string GroupKey => ActualControllerId ?? CustomerId;

    /// <summary>Invoiced and not paid.</summary>
    public Money OpenReceivables { get; }

    /// <summary>Shipped and not yet invoiced.</summary>
    public Money ShippedNotInvoiced { get; }

    /// <summary>Accepted and not yet shipped.</summary>
    public Money OpenOrders { get; }

    /// <summary>The currency of all three amounts.</summary>
    public Currency Currency => OpenReceivables.Currency;
}
