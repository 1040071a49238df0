using System.Text.Json;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Durable;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// Books what the ERP sends and answers it: orders and shipments are checked and passed or held,
/// invoices, payments and cancellations move the customer's exposure. Each document is read and
/// written in the customer's partition (point reads, one transaction); a document id answered before
/// gets its first answer back, or 409 when the body differs. A hold goes on the worklist before the
/// ledger commits it and its <see cref="OrderHoldWorkflow"/> starts after the answer (<see cref="HoldStarter"/>);
/// payments wake the customer's open holds so they can re-check.
/// </summary>
public sealed partial class OrderCheckService(
    CustomerLedgerStore ledgers,
    HoldRepository holds,
    DecisionLog decisions,
    OrderCreditCheck check,
    ExposureCalculator exposure,
    AuthorityMatrix authority,
    HoldStarter starter,
    DurableTaskClient client,
    TimeProvider clock,
    IOptions<ErpOptions> erp,
    ILogger<OrderCheckService> logger)
{
    /// <summary>How answers and stored details are written (<see cref="ErpJson"/>).</summary>
    internal static JsonSerializerOptions Json => ErpJson.Options;

    /// <summary>Checks an order: pass reserves its credit part under the exposure row's ETag; hold starts a hold.</summary>
    public async Task<ErpAnswer> OrderAsync(ErpOrder order, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var holdId = HoldInput.IdFor(ErpDocumentKind.Order, order.OrderId);
        HoldInput? recorded = null;
        var (answer, hold) = await ledgers.ApplyNewAsync(order.CustomerId, (ErpDocumentKind.Order, order.OrderId), [], ledger =>
        {
            var existing = ledger.Find<OrderRecord>(ErpDocumentKind.Order, order.OrderId);
            if (existing?.Answer is { } stored)
            {
                return RepeatChecked(stored, bodyHash, "order", order.OrderId);
            }

            var currency = ledger.Profile?.Limit.Currency ?? order.Amount.Currency;
            var state = ledger.Exposure ?? ExposureState.Empty(currency);
            var before = existing?.Ledger ?? OrderLedger.Empty(currency);
            var prepaid = before.Prepaid + order.PrepaymentReceived;
            var decision = CheckOrder(ledger, state, before, order.OrderId, order.Amount, order.OrderDate, prepaid, today);
            var after = before with { Prepaid = prepaid, Accepted = decision.Passed ? order.Amount : before.Accepted };
            var reply = Answer(bodyHash, CheckAnswer.From(decision, holdId));
            var input = decision.Passed ? null : Hold(holdId, ErpDocumentKind.Order, ledger, order.OrderId, order.OrderId, order.Amount, order.OrderDate, decision, state, now);
            var record = new OrderRecord(
                order.OrderId,
                reply,
                existing?.ETag,
                after,
                decision.Passed ? OrderStatus.Passed : OrderStatus.Held,
                order.Amount,
                decision.Passed ? null : holdId,
                decision.Passed ? new OrderRelease(order.OrderId, order.Amount, today) : null)
            { DetailJson = input is null ? null : JsonSerializer.Serialize(input, Json) };
            return new LedgerOutcome<(ErpAnswer, HoldInput?)>(
                new LedgerChange(after == before ? null : state.WithOrder(before, after), [record]),
                (new ErpAnswer(reply.Status, reply.Json), input))
            { Prepare = input is null ? null : ct => starter.RecordAsync(recorded = input, ct) };
        }, cancellationToken);

        AfterDecision(hold, recorded);
        return answer;
    }

    /// <summary>
    /// Checks a shipment. Its credit part is what it adds beyond what its order already reserved, so
    /// a shipment of a passed order within the order's amount adds nothing; a release of the order
    /// covers it within the tolerance. A pass books it on the order at once; a hold books it on release.
    /// </summary>
    public async Task<ErpAnswer> ShipmentAsync(ErpShipment shipment, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var holdId = HoldInput.IdFor(ErpDocumentKind.Shipment, shipment.ShipmentId);
        HoldInput? recorded = null;
        var (answer, hold) = await ledgers.ApplyNewAsync(
            shipment.CustomerId,
            (ErpDocumentKind.Shipment, shipment.ShipmentId),
            [(ErpDocumentKind.Order, shipment.OrderId)],
            ledger =>
            {
                var existing = ledger.Find<DocumentRecord>(ErpDocumentKind.Shipment, shipment.ShipmentId);
                if (existing?.Answer is { } stored)
                {
                    return RepeatChecked(stored, bodyHash, "shipment", shipment.ShipmentId);
                }

                var currency = ledger.Profile?.Limit.Currency ?? shipment.Amount.Currency;
                var state = ledger.Exposure ?? ExposureState.Empty(currency);
                var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, shipment.OrderId) ?? OrderRecord.Unknown(shipment.OrderId, currency);
                var (decision, after) = CheckShipment(ledger, state, order, shipment.Amount, shipment.ShipDate, today);
                var reply = Answer(bodyHash, CheckAnswer.From(decision, holdId));
                if (decision.Passed)
                {
                    return new LedgerOutcome<(ErpAnswer, HoldInput?)>(
                        new LedgerChange(
                            state.WithOrder(order.Ledger, after),
                            [new DocumentRecord(ErpDocumentKind.Shipment, shipment.ShipmentId, reply, null, Applied: true), order with { Ledger = after }]),
                        (new ErpAnswer(reply.Status, reply.Json), null));
                }

                var input = Hold(holdId, ErpDocumentKind.Shipment, ledger, shipment.ShipmentId, shipment.OrderId, shipment.Amount, shipment.ShipDate, decision, state, now);
                var document = new DocumentRecord(ErpDocumentKind.Shipment, shipment.ShipmentId, reply, null) { DetailJson = JsonSerializer.Serialize(input, Json) };
                return new LedgerOutcome<(ErpAnswer, HoldInput?)>(new LedgerChange(null, [document]), (new ErpAnswer(reply.Status, reply.Json), input))
                {
                    Prepare = ct => starter.RecordAsync(recorded = input, ct),
                };
            },
            cancellationToken);

        AfterDecision(hold, recorded);
        return answer;
    }

    /// <summary>Books an invoice: its amount becomes a receivable and leaves its order's not-invoiced credit.</summary>
    public async Task<ErpAnswer> InvoiceAsync(ErpInvoice invoice, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        (ErpDocumentKind, string)[] related = invoice.OrderId is { } orderId ? [(ErpDocumentKind.Order, orderId)] : [];
        return await ledgers.ApplyNewAsync(invoice.CustomerId, (ErpDocumentKind.Invoice, invoice.InvoiceId), related, ledger =>
        {
            var existing = ledger.Find<InvoiceRecord>(ErpDocumentKind.Invoice, invoice.InvoiceId);
            if (existing?.Answer is { } stored)
            {
                return Repeat(stored, bodyHash, "invoice", invoice.InvoiceId);
            }

            var currency = ledger.Exposure?.Currency ?? invoice.Amount.Currency;
            var state = ledger.Exposure ?? ExposureState.Empty(currency);
            var record = existing ?? InvoiceRecord.Unknown(invoice.InvoiceId, currency);
            var afterInvoice = record.Ledger with { Amount = invoice.Amount, DueDate = invoice.DueDate };
            state = state.WithInvoice(invoice.InvoiceId, record.Ledger, afterInvoice);
            var records = new List<ErpRecord>();
            if (invoice.OrderId is { } id)
            {
                var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, id) ?? OrderRecord.Unknown(id, currency);
                var afterOrder = order.Ledger with { Invoiced = order.Ledger.Invoiced + invoice.Amount };
                state = state.WithOrder(order.Ledger, afterOrder);
                records.Add(order with { Ledger = afterOrder });
            }

            var reply = Answer(bodyHash, LedgerAnswer.From(state.Amounts));
            records.Insert(0, record with { Answer = reply, Ledger = afterInvoice, OrderId = invoice.OrderId });
            return new LedgerOutcome<ErpAnswer>(new LedgerChange(state, records), new ErpAnswer(reply.Status, reply.Json));
        }, cancellationToken);
    }

    /// <summary>Books a payment of an invoice (less receivable) or a prepayment of an order (less credit), then wakes the customer's open holds.</summary>
    public async Task<ErpAnswer> PaymentAsync(ErpPayment payment, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        (ErpDocumentKind, string) target = payment.InvoiceId is { } invoiceId ? (ErpDocumentKind.Invoice, invoiceId) : (ErpDocumentKind.Order, payment.OrderId!);
        var answer = await ledgers.ApplyNewAsync(payment.CustomerId, (ErpDocumentKind.Payment, payment.PaymentId), [target], ledger =>
        {
            var existing = ledger.Find<DocumentRecord>(ErpDocumentKind.Payment, payment.PaymentId);
            if (existing?.Answer is { } stored)
            {
                return Repeat(stored, bodyHash, "payment", payment.PaymentId);
            }

            var currency = ledger.Exposure?.Currency ?? payment.Amount.Currency;
            var state = ledger.Exposure ?? ExposureState.Empty(currency);
            ErpRecord changed;
            if (payment.InvoiceId is { } id)
            {
                var invoice = ledger.Find<InvoiceRecord>(ErpDocumentKind.Invoice, id) ?? InvoiceRecord.Unknown(id, currency);
                var after = invoice.Ledger with { Paid = invoice.Ledger.Paid + payment.Amount };
                state = state.WithInvoice(id, invoice.Ledger, after);
                changed = invoice with { Ledger = after };
            }
            else
            {
                var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, payment.OrderId!) ?? OrderRecord.Unknown(payment.OrderId!, currency);
                var after = order.Ledger with { Prepaid = order.Ledger.Prepaid + payment.Amount };
                state = state.WithOrder(order.Ledger, after);
                changed = order with { Ledger = after };
            }

            var reply = Answer(bodyHash, LedgerAnswer.From(state.Amounts));
            return new LedgerOutcome<ErpAnswer>(
                new LedgerChange(state, [new DocumentRecord(ErpDocumentKind.Payment, payment.PaymentId, reply, null, Applied: true), changed]),
                new ErpAnswer(reply.Status, reply.Json));
        }, cancellationToken);

        if (!answer.Duplicate && answer.Status == 200)
        {
            await WakeHoldsAsync(payment.CustomerId, HoldEvents.PaymentReceived, null, cancellationToken);
        }

        return answer;
    }

    /// <summary>Books a cancellation: what has not shipped stops counting; a held order's hold ends.</summary>
    public async Task<ErpAnswer> CancellationAsync(ErpCancellation cancellation, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        var (answer, heldBy) = await ledgers.ApplyNewAsync(
            cancellation.CustomerId,
            (ErpDocumentKind.Cancellation, cancellation.CancellationId),
            [(ErpDocumentKind.Order, cancellation.OrderId)],
            ledger =>
            {
                var existing = ledger.Find<DocumentRecord>(ErpDocumentKind.Cancellation, cancellation.CancellationId);
                if (existing?.Answer is { } stored)
                {
                    return new LedgerOutcome<(ErpAnswer, string?)>(null, (Repeat(stored, bodyHash, "cancellation", cancellation.CancellationId).Result, null));
                }

                // Currency of an unknown customer's unknown order does not matter: every amount is zero.
                var currency = ledger.Exposure?.Currency ?? ledger.Profile?.Limit.Currency ?? new Currency("XXX");
                var state = ledger.Exposure ?? ExposureState.Empty(currency);
                var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, cancellation.OrderId) ?? OrderRecord.Unknown(cancellation.OrderId, currency);
                var after = order.Ledger with { Cancelled = true };
                state = state.WithOrder(order.Ledger, after);
                var reply = Answer(bodyHash, LedgerAnswer.From(state.Amounts));
                return new LedgerOutcome<(ErpAnswer, string?)>(
                    new LedgerChange(state, [new DocumentRecord(ErpDocumentKind.Cancellation, cancellation.CancellationId, reply, null, Applied: true), order with { Ledger = after }]),
                    (new ErpAnswer(reply.Status, reply.Json), order.Status == OrderStatus.Held ? order.HoldId : null));
            },
            cancellationToken);

        if (heldBy is not null)
        {
            await RaiseAsync(heldBy, HoldEvents.OrderCancelled, null, cancellationToken);
        }

        return answer;
    }

    private OrderDecision CheckOrder(CustomerLedger ledger, ExposureState state, OrderLedger before, string orderId, Money amount, DateOnly orderDate, Money prepaid, DateOnly today)
    {
        // The check wants the exposure without this order: take out what the order already holds (e.g. shipped before it arrived).
        var without = CustomerCredit.Minus(state.Amounts, before.Exposure);
        var request = new OrderRequest(orderId, amount, orderDate, prepaid);
        return check.Check(CustomerCredit.Profile(ledger, state.Currency), CustomerCredit.Counted(exposure, ledger.CustomerId, without), state.OpenInvoices, request, today);
    }

    private (OrderDecision Decision, OrderLedger After) CheckShipment(CustomerLedger ledger, ExposureState state, OrderRecord order, Money amount, DateOnly shipDate, DateOnly today)
    {
        var after = order.Ledger with { Shipped = order.Ledger.Shipped + amount };
        var added = after.NotInvoiced - order.Ledger.NotInvoiced;

        // What the order already reserved counts as paid for: only the credit the shipment adds is checked.
        var request = new OrderRequest(order.Id, amount, shipDate, amount - added);
        var decision = check.CheckShipment(
            CustomerCredit.Profile(ledger, state.Currency), CustomerCredit.Counted(exposure, ledger.CustomerId, state.Amounts), state.OpenInvoices, request, order.Release, today);
        return (decision, after);
    }

    private static StoredAnswer Answer<T>(string bodyHash, T body) => new(bodyHash, 200, JsonSerializer.Serialize(body, Json));

    private static LedgerOutcome<ErpAnswer> Repeat(StoredAnswer stored, string bodyHash, string kind, string id) =>
        new(null, stored.BodyHash == bodyHash ? new ErpAnswer(stored.Status, stored.Json, Duplicate: true) : ErpAnswer.Conflict(kind, id));

    /// <remarks>A retried order or shipment starts nothing: its hold, if any, is on the worklist already, started by the first call or by the sweep.</remarks>
    private static LedgerOutcome<(ErpAnswer, HoldInput?)> RepeatChecked(StoredAnswer stored, string bodyHash, string kind, string id) =>
        new(null, (Repeat(stored, bodyHash, kind, id).Result, null));
}
