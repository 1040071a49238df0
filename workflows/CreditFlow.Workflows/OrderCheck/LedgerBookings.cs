using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// Books the ERP documents that move a customer's exposure without a check: invoices, payments and
/// cancellations. Each is read, booked (<see cref="LedgerPostings"/>) and committed under the exposure
/// row's ETag, decided again on a lost race; then payments wake the customer's open holds so they can
/// re-check, and a cancellation ends its order's hold.
/// </summary>
public sealed class LedgerBookings(CustomerLedgerStore ledgers, LedgerRetryOptions retry, HoldWakeUps wakeUps)
{
    /// <summary>Books an invoice: its amount becomes a receivable and leaves its order's not-invoiced credit.</summary>
    public async Task<ErpAnswer> InvoiceAsync(ErpInvoice invoice, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        (ErpDocumentKind, string)[] related = invoice.OrderId is { } orderId ? [(ErpDocumentKind.Order, orderId)] : [];
        var attempts = LedgerAttempts.ForNewDocument(ledgers, retry, invoice.CustomerId, (ErpDocumentKind.Invoice, invoice.InvoiceId), related);
        return (await attempts.BookAsync(ledger => LedgerPostings.Invoice(ledger, invoice, bodyHash), cancellationToken)).Answer;
    }

    /// <summary>Books a payment of an invoice (less receivable) or a prepayment of an order (less credit), then wakes the customer's open holds.</summary>
    public async Task<ErpAnswer> PaymentAsync(ErpPayment payment, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        (ErpDocumentKind, string) target = payment.InvoiceId is { } invoiceId ? (ErpDocumentKind.Invoice, invoiceId) : (ErpDocumentKind.Order, payment.OrderId!);
        var attempts = LedgerAttempts.ForNewDocument(ledgers, retry, payment.CustomerId, (ErpDocumentKind.Payment, payment.PaymentId), [target]);
        var answer = (await attempts.BookAsync(ledger => LedgerPostings.Payment(ledger, payment, bodyHash), cancellationToken)).Answer;
        if (!answer.Duplicate && answer.Outcome == ErpAnswerOutcome.Answered)
        {
            await wakeUps.PaymentReceivedAsync(payment.CustomerId, cancellationToken);
        }

        return answer;
    }

    /// <summary>Books a cancellation: what has not shipped stops counting; a held order's hold ends.</summary>
    public async Task<ErpAnswer> CancellationAsync(ErpCancellation cancellation, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        var attempts = LedgerAttempts.ForNewDocument(
            ledgers, retry, cancellation.CustomerId, (ErpDocumentKind.Cancellation, cancellation.CancellationId), [(ErpDocumentKind.Order, cancellation.OrderId)]);
        var booking = await attempts.BookAsync(ledger => LedgerPostings.Cancellation(ledger, cancellation, bodyHash), cancellationToken);
        if (booking.EndsHold is { } holdId)
        {
            await wakeUps.OrderCancelledAsync(holdId, cancellationToken);
        }

        return booking.Answer;
    }
}
