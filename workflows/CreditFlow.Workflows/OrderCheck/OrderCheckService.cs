using System.Diagnostics;
using CreditFlow.Domain.OrderCheck;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Storage;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.Telemetry;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// Checks the orders and shipments the ERP sends, one way: read the customer's ledger, check
/// (<see cref="OrderCheckDecisions"/>: the domain's decision on the exposure read), commit under the
/// exposure row's ETag (read and decided again on a lost race, <see cref="LedgerAttempts"/>), then
/// start the hold, if any, after the answer (<see cref="HoldStarter"/>). A document id answered
/// before gets its first answer back, or a conflict when the body differs.
/// </summary>
/// <remarks>
/// A hold goes on the worklist as not started before the commit that makes it real, so a crash
/// between the two leaves a row the sweep settles; an attempt that recorded a hold and then lost its
/// race and passed withdraws it.
/// </remarks>
public sealed class OrderCheckService(
    CustomerLedgerStore ledgers,
    LedgerRetryOptions retry,
    OrderCheckDecisions decisions,
    HoldStarter starter,
    TimeProvider clock)
{
    /// <summary>Checks an order: pass reserves its credit part under the exposure row's ETag; hold starts a hold.</summary>
    public Task<ErpAnswer> OrderAsync(ErpOrder order, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var now = clock.GetUtcNow();
        var attempts = LedgerAttempts.ForNewDocument(ledgers, retry, order.CustomerId, (ErpDocumentKind.Order, order.OrderId), []);
        return CheckAsync(ErpDocumentKind.Order, order.OrderId, attempts, ledger => decisions.Order(ledger, order, bodyHash, now), cancellationToken);
    }

    /// <summary>
    /// Checks a shipment: its credit part is what it adds beyond what its order reserved, and a release
    /// of the order covers it within the tolerance. A pass books it on the order at once; a hold on release.
    /// </summary>
    public Task<ErpAnswer> ShipmentAsync(ErpShipment shipment, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var now = clock.GetUtcNow();
        var attempts = LedgerAttempts.ForNewDocument(
            ledgers, retry, shipment.CustomerId, (ErpDocumentKind.Shipment, shipment.ShipmentId), [(ErpDocumentKind.Order, shipment.OrderId)]);
        return CheckAsync(ErpDocumentKind.Shipment, shipment.ShipmentId, attempts, ledger => decisions.Shipment(ledger, shipment, bodyHash, now), cancellationToken);
    }

    private async Task<ErpAnswer> CheckAsync(
        ErpDocumentKind kind, string documentId, LedgerAttempts attempts, Func<CustomerLedger, CheckedDocument> check, CancellationToken cancellationToken)
    {
        using var span = CreditFlowTelemetry.Source.StartActivity("order_check");
        span?.SetTag("creditflow.document_kind", kind.ToString().ToLowerInvariant()).SetTag("creditflow.document_id", documentId);
        var started = Stopwatch.GetTimestamp();
        var (committed, recorded) = await attempts.CheckAsync(check, starter.RecordAsync, cancellationToken);
        StartOrWithdraw(committed.Hold, recorded);
        var outcome = Outcome(committed);
        span?.SetTag("creditflow.outcome", outcome).SetTag("creditflow.hold_id", committed.Hold?.HoldId);
        CreditFlowTelemetry.OrderChecked(kind, outcome, Stopwatch.GetElapsedTime(started));
        return committed.Answer;
    }

    private static string Outcome(CheckedDocument committed) =>
        committed.Answer.Outcome == ErpAnswerOutcome.DocumentIdReused ? "conflict"
        : committed.Answer.Duplicate ? "repeat"
        : committed.Hold is not null ? "held"
        : "passed";

    /// <summary>
    /// After the commit: the committed hold's workflow starts in the background; a hold recorded by an
    /// attempt that then lost its race and decided otherwise leaves the worklist.
    /// </summary>
    private void StartOrWithdraw(HoldInput? committed, HoldInput? recorded)
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
}
