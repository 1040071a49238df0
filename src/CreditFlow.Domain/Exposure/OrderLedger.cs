using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Exposure;

/// <summary>
/// What the ERP has told about one order, accumulated: the amount accepted on credit (passed or
/// released), prepayments, shipments, invoices and a cancellation. The order's share of the
/// customer's exposure is a function of these totals only, so it comes out the same whatever the
/// order in which the ERP's messages arrive. Counting each message once is the caller's part
/// (documents are idempotent by their id).
/// </summary>
/// <remarks>
/// <para>Credit not yet invoiced = base − prepaid − invoiced (never below zero), where base is the
/// larger of accepted and shipped (shipped only, once cancelled: a cancellation stops what has not
/// left). Of that credit, what has been shipped and not invoiced is <see cref="ShippedNotInvoiced"/>;
/// the rest is <see cref="OpenOrders"/>.</para>
/// <para>Invoices are taken as what the customer owes after prepayments it made for the order, so an
/// invoice moves credit from this ledger to receivables and never counts a prepayment twice.</para>
/// <para>Arrival order: a shipment, invoice or cancellation of an order not seen yet is kept on an
/// empty ledger (accepted zero) and the order joins it when it arrives; a cancellation of an unknown
/// order therefore just marks it, and the order, if it ever comes, adds nothing.</para>
/// </remarks>
/// <param name="Accepted">The order's credit part once passed or released; zero while held, rejected or unknown.</param>
/// <param name="Prepaid">Prepayments received for the order.</param>
/// <param name="Shipped">All shipments of the order.</param>
/// <param name="Invoiced">All invoices of the order.</param>
/// <param name="Cancelled">The order was cancelled: what has not shipped no longer counts.</param>
public sealed record OrderLedger(Money Accepted, Money Prepaid, Money Shipped, Money Invoiced, bool Cancelled)
{
    /// <summary>A ledger with nothing on it.</summary>
    public static OrderLedger Empty(Currency currency) =>
        new(Money.Zero(currency), Money.Zero(currency), Money.Zero(currency), Money.Zero(currency), false);

    /// <summary>The currency of every amount.</summary>
    public Currency Currency => Accepted.Currency;

    /// <summary>Credit extended for the order and not yet invoiced.</summary>
    /// <exception cref="CurrencyMismatchException">The amounts are in different currencies.</exception>
    public Money NotInvoiced
    {
        get
        {
            var zero = Money.Zero(Currency);
            var basis = Cancelled ? Shipped : Money.Max(Accepted, Shipped);
            return Money.Max(basis - Prepaid - Invoiced, zero);
        }
    }

    /// <summary>The part of <see cref="NotInvoiced"/> that has shipped.</summary>
    public Money ShippedNotInvoiced => Money.Min(NotInvoiced, Money.Max(Shipped - Invoiced, Money.Zero(Currency)));

    /// <summary>The part of <see cref="NotInvoiced"/> still waiting to ship.</summary>
    public Money OpenOrders => NotInvoiced - ShippedNotInvoiced;

    /// <summary>This order's share of the customer's exposure (receivables come from invoices).</summary>
    public CreditExposure Exposure => new(Money.Zero(Currency), ShippedNotInvoiced, OpenOrders);
}
