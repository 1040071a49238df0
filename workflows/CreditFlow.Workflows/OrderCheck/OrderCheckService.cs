using System.Diagnostics;
using System.Runtime.ExceptionServices;
using CreditFlow.Domain.OrderCheck;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Storage;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.Policies;
using CreditFlow.Workflows.Telemetry;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// Checks the orders and shipments the ERP sends, one way: a document answered lately gets its first
/// answer again at once (<see cref="RecentAnswers"/>); a new one is turned away as busy when its answer
/// would come too late (<see cref="OrderAdmission"/>); otherwise it waits its turn behind the customer's
/// other documents (<see cref="CustomerQueues"/>), is checked on the ledger as they left it
/// (<see cref="OrderCheckDecisions"/>), committed with them under the exposure row's ETag, and its hold,
/// if any, starts after the answer (<see cref="HoldStarter"/>). A document id answered before gets its
/// first answer back, or a conflict when the body differs.
/// </summary>
/// <remarks>
/// A hold goes on the worklist as not started before the commit that makes it real, so a crash
/// between the two leaves a row the sweep settles; an attempt that recorded a hold and then lost its
/// race and passed withdraws it.
/// </remarks>
public sealed class OrderCheckService(
    CustomerQueues queues,
    OrderAdmission admission,
    RecentAnswers answers,
    OrderCheckDecisions decisions,
    CreditPolicies policies,
    HoldStarter starter,
    TimeProvider clock)
{
    /// <summary>Checks an order: pass reserves its credit part under the exposure row's ETag; hold starts a hold.</summary>
    public async Task<ErpAnswer> OrderAsync(ErpOrder order, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var now = clock.GetUtcNow();
        var policy = await policies.InEffectOnAsync(DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        return await CheckAsync(order.CustomerId, (ErpDocumentKind.Order, order.OrderId), [], bodyHash, ledger => decisions.Order(ledger, order, bodyHash, now, policy));
    }

    /// <summary>
    /// Checks a shipment: its credit part is what it adds beyond what its order reserved, and a release
    /// of the order covers it within the tolerance. A pass books it on the order at once; a hold on release.
    /// </summary>
    public async Task<ErpAnswer> ShipmentAsync(ErpShipment shipment, string bodyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var now = clock.GetUtcNow();
        var policy = await policies.InEffectOnAsync(DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
        return await CheckAsync(
            shipment.CustomerId, (ErpDocumentKind.Shipment, shipment.ShipmentId), [(ErpDocumentKind.Order, shipment.OrderId)], bodyHash,
            ledger => decisions.Shipment(ledger, shipment, bodyHash, now, policy));
    }

    // Not cancelled with the request: once a document waits its turn it is decided and stored, so the ERP's retry finds its answer.
    private async Task<ErpAnswer> CheckAsync(
        string customerId,
        (ErpDocumentKind Kind, string Id) document,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> related,
        string bodyHash,
        Func<CustomerLedger, CheckedDocument> check)
    {
        using var span = CreditFlowTelemetry.Source.StartActivity("order_check");
        span?.SetTag("creditflow.document_kind", document.Kind.ToString().ToLowerInvariant()).SetTag("creditflow.document_id", document.Id);
        var started = Stopwatch.GetTimestamp();
        var (answer, outcome, holdId) = await AnswerAsync(customerId, document, related, bodyHash, check);
        span?.SetTag("creditflow.outcome", outcome).SetTag("creditflow.hold_id", holdId);
        CreditFlowTelemetry.OrderChecked(document.Kind, outcome, Stopwatch.GetElapsedTime(started));
        return answer;
    }

    private async Task<(ErpAnswer Answer, string Outcome, string? HoldId)> AnswerAsync(
        string customerId,
        (ErpDocumentKind Kind, string Id) document,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> related,
        string bodyHash,
        Func<CustomerLedger, CheckedDocument> check)
    {
        if (answers.Recall(customerId, document) is { } known)
        {
            var repeat = ErpAnswers.Repeat(known, bodyHash, document.Kind.ToString().ToLowerInvariant(), document.Id);
            return (repeat, Outcome(repeat, null), null);
        }

        if (admission.TurnAway(customerId) is { } busy)
        {
            return (busy, "busy", null);
        }

        var turn = await queues.CheckAsync(customerId, document, related, check);
        if (turn.Refused is { } refused)
        {
            ExceptionDispatchInfo.Throw(refused);
        }

        var committed = turn.Committed!;
        StartOrWithdraw(committed.Hold, turn.Recorded);
        if (committed.Answer.Outcome == ErpAnswerOutcome.Answered)
        {
            answers.Remember(customerId, document, new StoredAnswer(bodyHash, committed.Answer.Json));
        }

        return (committed.Answer, Outcome(committed.Answer, committed.Hold), committed.Hold?.HoldId);
    }

    private static string Outcome(ErpAnswer answer, HoldInput? hold) =>
        answer.Outcome == ErpAnswerOutcome.DocumentIdReused ? "conflict"
        : answer.Duplicate ? "repeat"
        : hold is not null ? "held"
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
