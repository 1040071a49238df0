using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// An invoice's row: its answer, the invoice once the ERP has sent it, and the order it bills. A
/// payment, reversal or credit note may name an invoice before the invoice itself arrives: what they
/// change is kept as <see cref="PaidAhead"/> and <see cref="CreditedAhead"/> and carried onto the
/// invoice when it is booked, so what is open is exact in any arrival order.
/// </summary>
/// <param name="Invoice">The booked invoice with its credit notes and payments; null until the ERP sends it.</param>
/// <param name="PaidAhead">Payments less reversals received before the invoice (zero once it is booked).</param>
/// <param name="CreditedAhead">Credit notes received before the invoice (zero once it is booked).</param>
public sealed record InvoiceRecord(string Id, StoredAnswer? Answer, string? ETag, Invoice? Invoice, Money PaidAhead, Money CreditedAhead, string? OrderId)
    : ErpRecord(ErpDocumentKind.Invoice, Id, Answer, ETag)
{
    /// <summary>
    /// The day the latest payment was received, as the ERP says (<c>receivedOn</c>); null before any. Dunning dates the
    /// payments it sees by it, so that DSO, payment habits and promises count the day the money came, not the day it looked.
    /// </summary>
    public DateOnly? LastPaidOn { get; init; }

    /// <summary>An invoice not seen yet (a payment arrived first).</summary>
    public static InvoiceRecord Unknown(string id, Currency currency) => new(id, null, null, null, Money.Zero(currency), Money.Zero(currency), null);

    /// <summary>Payments less reversals so far, booked or ahead.</summary>
    public Money Paid => Invoice?.Paid ?? PaidAhead;

    /// <summary>Credit notes so far, booked or ahead.</summary>
    public Money Credited => Invoice?.Credited ?? CreditedAhead;

    /// <summary>The row with <paramref name="invoice"/> booked, carrying what arrived ahead of it.</summary>
    public InvoiceRecord Book(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var zero = Money.Zero(invoice.Amount.Currency);
        return this with { Invoice = invoice with { Paid = PaidAhead, Credited = CreditedAhead }, PaidAhead = zero, CreditedAhead = zero };
    }

    /// <summary>The row after a payment (a negative amount: a reversal).</summary>
    public InvoiceRecord Pay(Money amount) =>
        Invoice is { } invoice ? this with { Invoice = invoice with { Paid = invoice.Paid + amount } } : this with { PaidAhead = PaidAhead + amount };

    /// <summary>The row after a payment received on <paramref name="receivedOn"/>.</summary>
    public InvoiceRecord Pay(Money amount, DateOnly receivedOn) =>
        Pay(amount) with { LastPaidOn = LastPaidOn is { } last && last > receivedOn ? last : receivedOn };

    /// <summary>The row after a credit note.</summary>
    public InvoiceRecord Credit(Money amount) =>
        Invoice is { } invoice ? this with { Invoice = invoice with { Credited = invoice.Credited + amount } } : this with { CreditedAhead = CreditedAhead + amount };
}
