using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.Dunning;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// Books the ERP documents that move a customer's exposure without a check: invoices, payments and
/// cancellations. Each is read, booked (<see cref="LedgerPostings"/>) and committed under the exposure
/// row's ETag, decided again on a lost race; then payments wake the customer's open holds so they can
/// re-check, and a cancellation ends its order's hold. A booked invoice starts its dunning workflow and a
/// payment of an invoice wakes it.
/// </summary>
public sealed class LedgerBookings(CustomerLedgerStore ledgers, LedgerRetryOptions retry, HoldWakeUps wakeUps, InvoiceDunning dunning)
{
    /// <summary>
    /// Books an invoice: its amount becomes a receivable and leaves its order's not-invoiced credit; then its
    /// dunning starts. A repeat of the same invoice starts dunning too, unless it runs already: the ERP
    /// retries what it got no answer for, so a crash between booking and starting heals itself.
    /// </summary>
    public async Task<ErpAnswer> InvoiceAsync(ErpInvoice invoice, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        (ErpDocumentKind, string)[] related = invoice.OrderId is { } orderId ? [(ErpDocumentKind.Order, orderId)] : [];
        var attempts = LedgerAttempts.ForNewDocument(ledgers, retry, invoice.CustomerId, (ErpDocumentKind.Invoice, invoice.InvoiceId), related);
        var booking = await attempts.BookAsync(ledger => LedgerPostings.Invoice(ledger, invoice, bodyHash), cancellationToken);
        if (booking.Answer.Outcome == ErpAnswerOutcome.Answered)
        {
            // What is open once booked: less than the amount when a payment or credit note of it came first; not known for a repeat.
            var open = booking.Change?.Records.OfType<InvoiceRecord>().FirstOrDefault()?.Invoice?.Open;
            await dunning.StartAsync(invoice.CustomerId, invoice.InvoiceId, invoice.IssueDate, invoice.DueDate, invoice.Amount, open, cancellationToken);
        }

        return booking.Answer;
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
            if (payment.InvoiceId is { } paidInvoice)
            {
                await dunning.InvoiceChangedAsync(payment.CustomerId, paidInvoice, cancellationToken);
            }
        }

        return answer;
    }

    /// <summary>Books a credit note: its invoice owes less; its dunning looks again (a credit in full ends it).</summary>
    public async Task<ErpAnswer> CreditNoteAsync(ErpCreditNote note, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(note);
        var attempts = LedgerAttempts.ForNewDocument(ledgers, retry, note.CustomerId, (ErpDocumentKind.CreditNote, note.CreditNoteId), [(ErpDocumentKind.Invoice, note.InvoiceId)]);
        var answer = (await attempts.BookAsync(ledger => LedgerPostings.CreditNote(ledger, note, bodyHash), cancellationToken)).Answer;
        if (!answer.Duplicate && answer.Outcome == ErpAnswerOutcome.Answered)
        {
            await wakeUps.PaymentReceivedAsync(note.CustomerId, cancellationToken);
            await dunning.InvoiceChangedAsync(note.CustomerId, note.InvoiceId, cancellationToken);
        }

        return answer;
    }

    /// <summary>Books a payment reversal: its invoice is owed again; dunning resumes, even if the payment had ended it.</summary>
    public async Task<ErpAnswer> PaymentReversalAsync(ErpPaymentReversal reversal, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reversal);
        var attempts = LedgerAttempts.ForNewDocument(ledgers, retry, reversal.CustomerId, (ErpDocumentKind.PaymentReversal, reversal.ReversalId), [(ErpDocumentKind.Invoice, reversal.InvoiceId)]);
        var answer = (await attempts.BookAsync(ledger => LedgerPostings.PaymentReversal(ledger, reversal, bodyHash), cancellationToken)).Answer;
        if (!answer.Duplicate && answer.Outcome == ErpAnswerOutcome.Answered)
        {
            await dunning.ReopenAsync(reversal.CustomerId, reversal.InvoiceId, cancellationToken);
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
