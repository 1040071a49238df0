using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Exposure;

/// <summary>
/// A customer's exposure as the order check keeps it: the three components, the open invoices the
/// stop line looks at, and a version counting its changes. It is always the sum of the customer's
/// order and invoice ledgers: every change to one of them moves it by the difference.
/// </summary>
/// <param name="Amounts">Open receivables, shipped-not-invoiced and open orders (all counted; the
/// exposure policy is applied when the check reads them).</param>
/// <param name="OpenInvoices">The booked invoices with something open, oldest due first.</param>
/// <param name="Version">How many changes the row has seen; every change adds one.</param>
public sealed record ExposureState(CreditExposure Amounts, IReadOnlyList<Invoice> OpenInvoices, long Version)
{
    /// <summary>A customer with nothing open.</summary>
    public static ExposureState Empty(Currency currency) => new(CreditExposure.Zero(currency), [], 0);

    /// <summary>The currency of the exposure.</summary>
    public Currency Currency => Amounts.Currency;

    /// <summary>The state after an order's ledger changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public ExposureState WithOrder(OrderLedger before, OrderLedger after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var amounts = Amounts with
        {
            ShippedNotInvoiced = Amounts.ShippedNotInvoiced - before.ShippedNotInvoiced + after.ShippedNotInvoiced,
            OpenOrders = Amounts.OpenOrders - before.OpenOrders + after.OpenOrders,
        };
        return this with { Amounts = amounts, Version = Version + 1 };
    }

    /// <summary>
    /// The state after an invoice changed from <paramref name="before"/> to <paramref name="after"/>;
    /// null for an invoice not booked yet (a payment or credit note that came first owes nothing).
    /// </summary>
    public ExposureState WithInvoice(Invoice? before, Invoice? after)
    {
        var id = after?.InvoiceId ?? before?.InvoiceId;
        var zero = Money.Zero(Currency);
        var amounts = Amounts with { OpenReceivables = Amounts.OpenReceivables - (before?.Open ?? zero) + (after?.Open ?? zero) };
        var invoices = OpenInvoices.Where(i => i.InvoiceId != id).ToList();
        if (after is { IsOpen: true })
        {
            invoices.Add(after);
        }

        return this with
        {
            Amounts = amounts,
            OpenInvoices = invoices.OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceId, StringComparer.Ordinal).ToArray(),
            Version = Version + 1,
        };
    }
}
