using System.Text.Json;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Receivables;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// What invoices, payments, cancellations and the end of a hold change on the ledger as read: the
/// documents' running totals and the exposure they add up to. No check and no I/O: the caller reads
/// the ledger before and commits after.
/// </summary>
internal static class LedgerPostings
{
    /// <summary>An invoice: its amount becomes a receivable and leaves its order's not-invoiced credit.</summary>
    public static LedgerBooking Invoice(CustomerLedger ledger, ErpInvoice invoice, string bodyHash)
    {
        var existing = ledger.Find<InvoiceRecord>(ErpDocumentKind.Invoice, invoice.InvoiceId);
        if (existing?.Answer is { } stored)
        {
            return new LedgerBooking(ErpAnswers.Repeat(stored, bodyHash, "invoice", invoice.InvoiceId), null);
        }

        var currency = ledger.Exposure?.Currency ?? invoice.Amount.Currency;
        var state = ledger.Exposure ?? ExposureState.Empty(currency);
        var record = existing ?? InvoiceRecord.Unknown(invoice.InvoiceId, currency);
        var booked = record.Book(new Invoice(invoice.CustomerId, invoice.InvoiceId, invoice.IssueDate, invoice.DueDate, invoice.Amount));
        state = state.WithInvoice(record.Invoice, booked.Invoice);
        var records = new List<ErpRecord>();
        if (invoice.OrderId is { } id)
        {
            var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, id) ?? OrderRecord.Unknown(id, currency);
            var afterOrder = order.Ledger with { Invoiced = order.Ledger.Invoiced + invoice.Amount };
            state = state.WithOrder(order.Ledger, afterOrder);
            records.Add(order with { Ledger = afterOrder });
        }

        var answer = ErpAnswers.First(bodyHash, LedgerAnswer.From(state.Amounts));
        records.Insert(0, booked with { Answer = answer, OrderId = invoice.OrderId });
        return new LedgerBooking(ErpAnswers.Given(answer), new LedgerChange(state, records));
    }

    /// <summary>A payment of an invoice (less receivable) or a prepayment of an order (less credit).</summary>
    public static LedgerBooking Payment(CustomerLedger ledger, ErpPayment payment, string bodyHash)
    {
        var existing = ledger.Find<DocumentRecord>(ErpDocumentKind.Payment, payment.PaymentId);
        if (existing?.Answer is { } stored)
        {
            return new LedgerBooking(ErpAnswers.Repeat(stored, bodyHash, "payment", payment.PaymentId), null);
        }

        var currency = ledger.Exposure?.Currency ?? payment.Amount.Currency;
        var state = ledger.Exposure ?? ExposureState.Empty(currency);
        ErpRecord changed;
        if (payment.InvoiceId is { } id)
        {
            var invoice = ledger.Find<InvoiceRecord>(ErpDocumentKind.Invoice, id) ?? InvoiceRecord.Unknown(id, currency);
            var after = invoice.Pay(payment.Amount, payment.ReceivedOn);
            state = state.WithInvoice(invoice.Invoice, after.Invoice);
            changed = after;
        }
        else
        {
            var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, payment.OrderId!) ?? OrderRecord.Unknown(payment.OrderId!, currency);
            var after = order.Ledger with { Prepaid = order.Ledger.Prepaid + payment.Amount };
            state = state.WithOrder(order.Ledger, after);
            changed = order with { Ledger = after };
        }

        var answer = ErpAnswers.First(bodyHash, LedgerAnswer.From(state.Amounts));
        return new LedgerBooking(
            ErpAnswers.Given(answer),
            new LedgerChange(state, [new DocumentRecord(ErpDocumentKind.Payment, payment.PaymentId, answer, null, Applied: true), changed]));
    }

    /// <summary>A credit note: what its invoice owes is lowered (an invoice not seen yet keeps the credit for when it comes).</summary>
    public static LedgerBooking CreditNote(CustomerLedger ledger, ErpCreditNote note, string bodyHash) =>
        InvoiceAdjustment(ledger, ErpDocumentKind.CreditNote, note.CreditNoteId, "credit note", note.InvoiceId, note.Amount, bodyHash, (record, amount) => record.Credit(amount));

    /// <summary>A payment reversal: what its invoice has been paid is lowered (it may come before the payment it reverses).</summary>
    public static LedgerBooking PaymentReversal(CustomerLedger ledger, ErpPaymentReversal reversal, string bodyHash) =>
        InvoiceAdjustment(ledger, ErpDocumentKind.PaymentReversal, reversal.ReversalId, "payment reversal", reversal.InvoiceId, reversal.Amount, bodyHash, (record, amount) => record.Pay(-amount));

    private static LedgerBooking InvoiceAdjustment(
        CustomerLedger ledger, ErpDocumentKind kind, string documentId, string what, string invoiceId, Money amount, string bodyHash, Func<InvoiceRecord, Money, InvoiceRecord> adjust)
    {
        if (ledger.Find<DocumentRecord>(kind, documentId)?.Answer is { } stored)
        {
            return new LedgerBooking(ErpAnswers.Repeat(stored, bodyHash, what, documentId), null);
        }

        var currency = ledger.Exposure?.Currency ?? amount.Currency;
        var state = ledger.Exposure ?? ExposureState.Empty(currency);
        var invoice = ledger.Find<InvoiceRecord>(ErpDocumentKind.Invoice, invoiceId) ?? InvoiceRecord.Unknown(invoiceId, currency);
        var after = adjust(invoice, amount);
        state = state.WithInvoice(invoice.Invoice, after.Invoice);
        var answer = ErpAnswers.First(bodyHash, LedgerAnswer.From(state.Amounts));
        return new LedgerBooking(
            ErpAnswers.Given(answer),
            new LedgerChange(state, [new DocumentRecord(kind, documentId, answer, null, Applied: true), after]));
    }

    /// <summary>A cancellation: what has not shipped stops counting; a held order's hold ends.</summary>
    public static LedgerBooking Cancellation(CustomerLedger ledger, ErpCancellation cancellation, string bodyHash)
    {
        var existing = ledger.Find<DocumentRecord>(ErpDocumentKind.Cancellation, cancellation.CancellationId);
        if (existing?.Answer is { } stored)
        {
            return new LedgerBooking(ErpAnswers.Repeat(stored, bodyHash, "cancellation", cancellation.CancellationId), null);
        }

        // Currency of an unknown customer's unknown order does not matter: every amount is zero.
        var currency = ledger.Exposure?.Currency ?? ledger.Profile?.Limit.Currency ?? new Currency("XXX");
        var state = ledger.Exposure ?? ExposureState.Empty(currency);
        var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, cancellation.OrderId) ?? OrderRecord.Unknown(cancellation.OrderId, currency);
        var after = order.Ledger with { Cancelled = true };
        state = state.WithOrder(order.Ledger, after);
        var answer = ErpAnswers.First(bodyHash, LedgerAnswer.From(state.Amounts));
        return new LedgerBooking(
            ErpAnswers.Given(answer),
            new LedgerChange(state, [new DocumentRecord(ErpDocumentKind.Cancellation, cancellation.CancellationId, answer, null, Applied: true), order with { Ledger = after }]),
            order.Status == OrderStatus.Held ? order.HoldId : null);
    }

    /// <summary>
    /// How a hold ended: a release reserves the order's amount (or books the shipment on its order) and
    /// records the release that covers later shipments; a rejection reserves nothing. The decision goes
    /// to the log in the same transaction. Null when it was already booked.
    /// </summary>
    public static LedgerChange? Verdict(CustomerLedger ledger, HoldInput hold, HoldVerdict verdict)
    {
        var day = DateOnly.FromDateTime(verdict.DecidedAt.UtcDateTime);
        var currency = ledger.Exposure?.Currency ?? hold.Amount.Currency;
        var state = ledger.Exposure ?? ExposureState.Empty(currency);
        var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, hold.OrderId) ?? OrderRecord.Unknown(hold.OrderId, currency);
        var released = verdict.ReleasedAmount ?? hold.Amount;
        var decision = Decision(hold, verdict);
        if (hold.Kind == ErpDocumentKind.Order)
        {
            if (order.Status != OrderStatus.Held)
            {
                return null;
            }

            var after = verdict.Releases ? order.Ledger with { Accepted = released } : order.Ledger;
            var record = order with
            {
                Ledger = after,
                Status = verdict.Releases ? OrderStatus.Released : OrderStatus.Rejected,
                Release = verdict.Releases ? new OrderRelease(hold.OrderId, released, day) : order.Release,
            };
            return new LedgerChange(after == order.Ledger ? null : state.WithOrder(order.Ledger, after), [record], decision);
        }

        var shipment = ledger.Find<DocumentRecord>(ErpDocumentKind.Shipment, hold.DocumentId);
        if (shipment is null || shipment.Applied)
        {
            return null;
        }

        if (!verdict.Releases)
        {
            return new LedgerChange(null, [shipment with { Applied = true }], decision);
        }

        var shipped = order.Ledger with { Shipped = order.Ledger.Shipped + hold.Amount };
        return new LedgerChange(
            state.WithOrder(order.Ledger, shipped),
            [shipment with { Applied = true }, order with { Ledger = shipped, Release = new OrderRelease(hold.OrderId, released, day) }],
            decision);
    }

    private static CreditDecision Decision(HoldInput hold, HoldVerdict verdict)
    {
        var what = verdict.Resolution switch
        {
            HoldResolution.Released => $"{hold.Kind} {hold.DocumentId} released: {verdict.ReleasedAmount ?? hold.Amount}",
            HoldResolution.Cured => $"{hold.Kind} {hold.DocumentId} released: every hold reason cured",
            HoldResolution.Rejected => $"{hold.Kind} {hold.DocumentId} rejected",
            _ => $"{hold.Kind} {hold.DocumentId} withdrawn: cancelled by the ERP",
        };
        return new CreditDecision(
            $"{hold.HoldId}-{verdict.Resolution.ToString().ToLowerInvariant()}",
            hold.CustomerId,
            verdict.DecidedAt,
            verdict.DecidedBy,
            what.ToLowerInvariant()[..1] + what[1..],
            $"{verdict.Comment} (held for: {string.Join("; ", hold.Reasons)})",
            JsonSerializer.Serialize(new { hold, verdict }, ErpJson.Options),
            null,
            null);
    }
}
