using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Durable;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>The hold side of the service: starting and waking holds, re-checking them, applying their outcome.</summary>
public sealed partial class OrderCheckService
{
    /// <summary>Checks a held order or shipment again with today's exposure and payments.</summary>
    public async Task<RecheckResult> RecheckAsync(HoldInput hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var ledger = await ledgers.ReadAsync(hold.CustomerId, [(ErpDocumentKind.Order, hold.OrderId)], cancellationToken);
        var currency = ledger.Profile?.Limit.Currency ?? hold.Amount.Currency;
        var state = ledger.Exposure ?? ExposureState.Empty(currency);
        var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, hold.OrderId) ?? OrderRecord.Unknown(hold.OrderId, currency);
        var decision = hold.Kind == ErpDocumentKind.Order
            ? CheckOrder(ledger, state, order.Ledger, hold.OrderId, hold.Amount, hold.ShipDate, order.Ledger.Prepaid, today)
            : CheckShipment(ledger, state, order, hold.Amount, hold.ShipDate, today).Decision;
        return new RecheckResult(decision.Passed, decision.Reasons.Select(r => r.Explanation).ToArray());
    }

    /// <summary>
    /// Books how a hold ended, once: a release reserves the order's amount (or books the shipment on
    /// its order) and records the release that covers later shipments; a rejection reserves nothing.
    /// The decision goes to the log in the same transaction. Returns false when it was already booked.
    /// </summary>
    public async Task<bool> ApplyVerdictAsync(HoldInput hold, HoldVerdict verdict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(verdict);
        var day = DateOnly.FromDateTime(verdict.DecidedAt.UtcDateTime);
        var keys = new List<(ErpDocumentKind, string)> { (ErpDocumentKind.Order, hold.OrderId) };
        if (hold.Kind == ErpDocumentKind.Shipment)
        {
            keys.Add((ErpDocumentKind.Shipment, hold.DocumentId));
        }

        var applied = await ledgers.ApplyAsync(hold.CustomerId, keys, ledger =>
        {
            var currency = ledger.Exposure?.Currency ?? hold.Amount.Currency;
            var state = ledger.Exposure ?? ExposureState.Empty(currency);
            var order = ledger.Find<OrderRecord>(ErpDocumentKind.Order, hold.OrderId) ?? OrderRecord.Unknown(hold.OrderId, currency);
            var released = verdict.ReleasedAmount ?? hold.Amount;
            var decision = Decision(hold, verdict);
            if (hold.Kind == ErpDocumentKind.Order)
            {
                if (order.Status != OrderStatus.Held)
                {
                    return new LedgerOutcome<bool>(null, false);
                }

                var after = verdict.Releases ? order.Ledger with { Accepted = released } : order.Ledger;
                var record = order with
                {
                    Ledger = after,
                    Status = verdict.Releases ? OrderStatus.Released : OrderStatus.Rejected,
                    Release = verdict.Releases ? new OrderRelease(hold.OrderId, released, day) : order.Release,
                };
                return new LedgerOutcome<bool>(new LedgerChange(after == order.Ledger ? null : state.WithOrder(order.Ledger, after), [record], decision), true);
            }

            var shipment = ledger.Find<DocumentRecord>(ErpDocumentKind.Shipment, hold.DocumentId);
            if (shipment is null || shipment.Applied)
            {
                return new LedgerOutcome<bool>(null, false);
            }

            if (!verdict.Releases)
            {
                return new LedgerOutcome<bool>(new LedgerChange(null, [shipment with { Applied = true }], decision), true);
            }

            var shipped = order.Ledger with { Shipped = order.Ledger.Shipped + hold.Amount };
            return new LedgerOutcome<bool>(
                new LedgerChange(
                    state.WithOrder(order.Ledger, shipped),
                    [shipment with { Applied = true }, order with { Ledger = shipped, Release = new OrderRelease(hold.OrderId, released, day) }],
                    decision),
                true);
        }, cancellationToken);

        var status = verdict.Releases ? HoldStatus.Released : HoldStatus.Rejected;
        await holds.CloseAsync(hold.HoldId, status, verdict.DecidedAt, verdict.DecidedBy, verdict.Comment, cancellationToken);
        return applied;
    }

    /// <summary>Logs that someone without the authority tried to decide a hold; the hold stays open.</summary>
    public async Task RecordRefusalAsync(HoldInput hold, HoldDecisionRequest request, string id, DateTimeOffset at, string why, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(request);
        var decision = new CreditDecision(
            id, hold.CustomerId, at, request.DecidedBy,
            $"refused: {request.Outcome} of hold {hold.HoldId} by {request.Role}",
            why,
            JsonSerializer.Serialize(new { hold.HoldId, request, hold.ApproverRole, hold.AuthorizedRoles }, Json),
            null,
            null);
        try
        {
            await decisions.AppendAsync(decision, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Logged by an earlier run of the same activity.
        }
    }

    private HoldInput Hold(string holdId, ErpDocumentKind kind, CustomerLedger ledger, string documentId, string orderId, Money amount, DateOnly date, OrderDecision decision, ExposureState state, DateTimeOffset now)
    {
        var approver = decision.Approver!;
        var authorized = authority.Tiers.Where(t => t.Rank >= approver.Rank).Select(t => t.Role).ToArray();
        var facts = new List<KeyValuePair<string, string>>
        {
            new("customer", ledger.CustomerId),
            new(kind == ErpDocumentKind.Order ? "order" : "shipment", $"{documentId} ({amount}, {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"),
            new("credit limit", ledger.Profile is { } p ? p.Limit.ToString() : "none (not on the credit list)"),
            new("open receivables", state.Amounts.OpenReceivables.ToString()),
            new("shipped, not invoiced", state.Amounts.ShippedNotInvoiced.ToString()),
            new("open orders", state.Amounts.OpenOrders.ToString()),
            new("amount at stake", decision.AmountAtStake.ToString()),
        };
        facts.AddRange(decision.Remedies.Select(r => new KeyValuePair<string, string>("remedy", r.Explanation)));
        var options = erp.Value;
        return new HoldInput(
            holdId, kind, ledger.CustomerId, documentId, orderId, amount, date, decision.AmountAtStake, approver.Role, authorized,
            decision.Reasons.Select(r => r.Explanation).ToArray(), facts, now,
            new CallbackRetry(options.CallbackMaxAttempts, options.CallbackFirstRetry, options.CallbackMaxRetryInterval));
    }

    /// <summary>
    /// After the decision: the committed hold's workflow starts in the background; a hold recorded by
    /// an attempt that then lost its race and decided otherwise leaves the worklist.
    /// </summary>
    private void AfterDecision(HoldInput? committed, HoldInput? recorded)
    {
        if (committed is not null)
        {
            starter.Start(committed);
        }
        else if (recorded is not null)
        {
            starter.Withdraw(recorded);
        }
    }

    private async Task WakeHoldsAsync(string customerId, string eventName, object? payload, CancellationToken cancellationToken)
    {
        foreach (var hold in await holds.ListAsync(new HoldQuery(HoldStatus.Open, customerId), cancellationToken))
        {
            await RaiseAsync(hold.HoldId, eventName, payload, cancellationToken);
        }
    }

    private async Task RaiseAsync(string holdId, string eventName, object? payload, CancellationToken cancellationToken)
    {
        try
        {
            await client.RaiseEventAsync(holdId, eventName, payload, cancellationToken);
        }
        catch (Exception e) when (e is OrchestrationNotFoundException or OrchestrationStateException)
        {
            // The hold ended meanwhile (or never started); nothing waits for the event.
            LogHoldGone(logger, holdId, eventName);
        }
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
            JsonSerializer.Serialize(new { hold, verdict }, Json),
            null,
            null);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Hold {HoldId} no longer waits; event {EventName} dropped")]
    private static partial void LogHoldGone(ILogger logger, string holdId, string eventName);
}

/// <summary>The result of a re-check: passes now, or the reasons that remain.</summary>
public sealed record RecheckResult(bool Passes, IReadOnlyList<string> Reasons);
