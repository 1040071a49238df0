using System.Text.Json;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Workflows.Policies;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// The hold side of the order check, for the hold's workflow: checking a held order or shipment again,
/// booking how its hold ended, logging a decision refused for lack of authority.
/// </summary>
public sealed class HeldOrders(
    CustomerLedgerStore ledgers,
    LedgerRetryOptions retry,
    OrderCheckDecisions decisions,
    CreditPolicies policies,
    HoldRepository holds,
    DecisionLog decisionLog,
    TimeProvider clock)
{
    /// <summary>Checks a held order or shipment again with today's exposure and payments.</summary>
    public async Task<RecheckResult> RecheckAsync(HoldInput hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var ledger = await ledgers.ReadAsync(hold.CustomerId, [(ErpDocumentKind.Order, hold.OrderId)], cancellationToken);
        var policy = await policies.InEffectOnAsync(today, cancellationToken);
        var decision = decisions.Recheck(ledger, hold, today, policy);
        return new RecheckResult(decision.Passed, decision.Reasons.Select(r => r.Explanation).ToArray());
    }

    /// <summary>
    /// Books how a hold ended, once (<see cref="LedgerPostings.Verdict"/>, with its decision in the same
    /// transaction), then closes it on the worklist. Returns false when it was already booked.
    /// </summary>
    public async Task<bool> ApplyVerdictAsync(HoldInput hold, HoldVerdict verdict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(verdict);
        var documents = new List<(ErpDocumentKind, string)> { (ErpDocumentKind.Order, hold.OrderId) };
        if (hold.Kind == ErpDocumentKind.Shipment)
        {
            documents.Add((ErpDocumentKind.Shipment, hold.DocumentId));
        }

        var attempts = LedgerAttempts.For(ledgers, retry, hold.CustomerId, documents);
        var applied = await attempts.ChangeAsync(ledger => LedgerPostings.Verdict(ledger, hold, verdict), cancellationToken) is not null;

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
            JsonSerializer.Serialize(new { hold.HoldId, request, hold.ApproverRole, hold.AuthorizedRoles }, ErpJson.Options),
            null,
            null);
        try
        {
            await decisionLog.AppendAsync(decision, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Logged by an earlier run of the same activity.
        }
    }
}

/// <summary>The result of a re-check: passes now, or the reasons that remain.</summary>
public sealed record RecheckResult(bool Passes, IReadOnlyList<string> Reasons);
