using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Policies;
using CreditFlow.Storage.Orders;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// The check of an order or shipment on the ledger as read: the domain's decision
/// (<see cref="OrderCreditCheck"/> on the customer's profile, its counted exposure and open invoices),
/// the answer to the ERP, the rows to write and, on hold, the hold's input. No I/O: the caller reads
/// the ledger before and commits after. Each decision is taken under the credit policy version passed in, which the
/// answer names; an order's row also keeps what the check saw (<see cref="CheckedOrderFacts"/>) for impact simulations.
/// </summary>
public sealed class OrderCheckDecisions(ExposureCalculator exposure, IOptions<ErpOptions> erp)
{
    /// <summary>Checks an order: pass reserves its credit part; hold reserves nothing and names the hold.</summary>
    /// <remarks>A repeated order decides nothing: its hold, if any, is on the worklist already, started by the first call or by the sweep.</remarks>
    public CheckedDocument Order(CustomerLedger ledger, ErpOrder order, string bodyHash, DateTimeOffset now, CreditPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(policy);
        var existing = ledger.Find<OrderRecord>(ErpDocumentKind.Order, order.OrderId);
        if (existing?.Answer is { } stored)
        {
            return new CheckedDocument(ErpAnswers.Repeat(stored, bodyHash, "order", order.OrderId), null, null);
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var holdId = HoldInput.IdFor(ErpDocumentKind.Order, order.OrderId);
        var currency = ledger.Profile?.Limit.Currency ?? order.Amount.Currency;
        var state = ledger.Exposure ?? ExposureState.Empty(currency);
        var before = existing?.Ledger ?? OrderLedger.Empty(currency);
        var prepaid = before.Prepaid + order.PrepaymentReceived;
        var (decision, seen) = CheckOrder(policy, ledger, state, before, order.OrderId, order.Amount, order.OrderDate, prepaid, today);
        var after = before with { Prepaid = prepaid, Accepted = decision.Passed ? order.Amount : before.Accepted };
        var answer = ErpAnswers.First(bodyHash, CheckAnswer.From(decision, holdId, policy.Version));
        var hold = decision.Passed ? null : Hold(holdId, ErpDocumentKind.Order, ledger, order.OrderId, order.OrderId, order.Amount, order.OrderDate, decision, state, now, policy);
        var record = new OrderRecord(
            order.OrderId,
            answer,
            existing?.ETag,
            after,
            decision.Passed ? OrderStatus.Passed : OrderStatus.Held,
            order.Amount,
            decision.Passed ? null : holdId,
            decision.Passed ? new OrderRelease(order.OrderId, order.Amount, today) : null)
        {
            DetailJson = hold is null ? null : JsonSerializer.Serialize(hold, ErpJson.Options),
            Checked = CheckedOrderFacts.Keep(today, seen.Profile, seen.Exposure, state.OpenInvoices, seen.Request, decision, policy.Version),
        };
        return new CheckedDocument(ErpAnswers.Given(answer), new LedgerChange(after == before ? null : state.WithOrder(before, after), [record]), hold);
    }

    /// <summary>
    /// Checks a shipment. Its credit part is what it adds beyond what its order already reserved, so
    /// a shipment of a passed order within the order's amount adds nothing; a release of the order
    /// covers it within the tolerance. A pass books it on the order at once; a hold books it on release.
    /// </summary>
    public CheckedDocument Shipment(CustomerLedger ledger, ErpShipment shipment, string bodyHash, DateTimeOffset now, CreditPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(policy);
        var existing = ledger.Find<DocumentRecord>(ErpDocumentKind.Shipment, shipment.ShipmentId);
        if (existing?.Answer is { } stored)
        {
            return new CheckedDocument(ErpAnswers.Repeat(stored, bodyHash, "shipment", shipment.ShipmentId), null, null);
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var holdId = HoldInput.IdFor(ErpDocumentKind.Shipment, shipment.ShipmentId);
        var currency = ledger.Profile?.Limit.Currency ?? shipment.Amount.Currency;
        var state = ledger.Exposure ?? ExposureState.Empty(currency);
        var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, shipment.OrderId) ?? OrderRecord.Unknown(shipment.OrderId, currency);
        var (decision, after) = CheckShipment(policy, ledger, state, order, shipment.Amount, shipment.ShipDate, today);
        var answer = ErpAnswers.First(bodyHash, CheckAnswer.From(decision, holdId, policy.Version));
        if (decision.Passed)
        {
            return new CheckedDocument(
                ErpAnswers.Given(answer),
                new LedgerChange(
                    state.WithOrder(order.Ledger, after),
                    [new DocumentRecord(ErpDocumentKind.Shipment, shipment.ShipmentId, answer, null, Applied: true), order with { Ledger = after }]),
                null);
        }

        var hold = Hold(holdId, ErpDocumentKind.Shipment, ledger, shipment.ShipmentId, shipment.OrderId, shipment.Amount, shipment.ShipDate, decision, state, now, policy);
        var document = new DocumentRecord(ErpDocumentKind.Shipment, shipment.ShipmentId, answer, null) { DetailJson = JsonSerializer.Serialize(hold, ErpJson.Options) };
        return new CheckedDocument(ErpAnswers.Given(answer), new LedgerChange(null, [document]), hold);
    }

    /// <summary>Checks a held order or shipment again on today's ledger, under today's policy.</summary>
    public OrderDecision Recheck(CustomerLedger ledger, HoldInput hold, DateOnly today, CreditPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(policy);
        var currency = ledger.Profile?.Limit.Currency ?? hold.Amount.Currency;
        var state = ledger.Exposure ?? ExposureState.Empty(currency);
        var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, hold.OrderId) ?? OrderRecord.Unknown(hold.OrderId, currency);
        return hold.Kind == ErpDocumentKind.Order
            ? CheckOrder(policy, ledger, state, order.Ledger, hold.OrderId, hold.Amount, hold.ShipDate, order.Ledger.Prepaid, today).Decision
            : CheckShipment(policy, ledger, state, order, hold.Amount, hold.ShipDate, today).Decision;
    }

    private (OrderDecision Decision, (CreditProfile Profile, CreditExposure Exposure, OrderRequest Request) Seen) CheckOrder(
        CreditPolicy policy, CustomerLedger ledger, ExposureState state, OrderLedger before, string orderId, Money amount, DateOnly orderDate, Money prepaid, DateOnly today)
    {
        // The check wants the exposure without this order: take out what the order already holds (e.g. shipped before it arrived).
        var without = CustomerCredit.Minus(state.Amounts, before.Exposure);
        var request = new OrderRequest(orderId, amount, orderDate, prepaid);
        var profile = CustomerCredit.Profile(ledger, state.Currency);
        var counted = CustomerCredit.Counted(exposure, ledger.CustomerId, without);
        return (Check(policy).Check(profile, counted, state.OpenInvoices, request, today), (profile, counted, request));
    }

    private (OrderDecision Decision, OrderLedger After) CheckShipment(CreditPolicy policy, CustomerLedger ledger, ExposureState state, OrderRecord order, Money amount, DateOnly shipDate, DateOnly today)
    {
        var after = order.Ledger with { Shipped = order.Ledger.Shipped + amount };
        var added = after.NotInvoiced - order.Ledger.NotInvoiced;

        // What the order already reserved counts as paid for: only the credit the shipment adds is checked.
        var request = new OrderRequest(order.Id, amount, shipDate, amount - added);
        var decision = Check(policy).CheckShipment(
            CustomerCredit.Profile(ledger, state.Currency), CustomerCredit.Counted(exposure, ledger.CustomerId, state.Amounts), state.OpenInvoices, request, order.Release, today);
        return (decision, after);
    }

    private static OrderCreditCheck Check(CreditPolicy policy) => new(policy.OrderCheck, policy.Authority);

    private HoldInput Hold(string holdId, ErpDocumentKind kind, CustomerLedger ledger, string documentId, string orderId, Money amount, DateOnly date, OrderDecision decision, ExposureState state, DateTimeOffset now, CreditPolicy policy)
    {
        var approver = decision.Approver!;
        var authorized = policy.Authority.RolesWithAuthority(approver);
        var facts = new List<KeyValuePair<string, string>>
        {
            new("customer", ledger.CustomerId),
            new(kind == ErpDocumentKind.Order ? "order" : "shipment", $"{documentId} ({amount}, {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"),
            new("credit limit", ledger.Profile is { } p ? p.Limit.ToString() : "none (not on the credit list)"),
            new("open receivables", state.Amounts.OpenReceivables.ToString()),
            new("shipped, not invoiced", state.Amounts.ShippedNotInvoiced.ToString()),
            new("open orders", state.Amounts.OpenOrders.ToString()),
            new("amount at stake", decision.AmountAtStake.ToString()),
            new("credit policy", $"version {policy.Version}"),
        };
        facts.AddRange(decision.Remedies.Select(r => new KeyValuePair<string, string>("remedy", r.Explanation)));
        var options = erp.Value;
        return new HoldInput(
            holdId, kind, ledger.CustomerId, documentId, orderId, amount, date, decision.AmountAtStake, approver.Role, authorized,
            decision.Reasons.Select(r => r.Explanation).ToArray(), facts, now,
            new CallbackRetry(options.CallbackMaxAttempts, options.CallbackFirstRetry, options.CallbackMaxRetryInterval));
    }
}
