using System.Text.Json;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.Execution;
using CreditFlow.Storage;
using CreditFlow.Storage.Approvals;
using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Host.Approvals;

/// <summary>
/// What the approval pages do, apart from HTTP: find out what a link leads to, and record an
/// answer. A lookup changes nothing, so mail scanners that follow links decide nothing.
/// </summary>
internal sealed partial class ApprovalPageLogic(
    ApprovalTokenService tokens,
    ApprovalTokenLedger ledger,
    ApprovalRepository approvals,
    DurableTaskClient client,
    TimeProvider time,
    ILogger<ApprovalPageLogic> logger)
{
    /// <summary>
    /// Checks, in order: the token (shape, signature, expiry), the instance (exists, runs, waits for
    /// this step), the approver (the one now asked), the ledger (unused), the step (undecided).
    /// </summary>
    public async Task<ApprovalLookup> LookupAsync(string? token, CancellationToken cancellationToken) =>
        tokens.Validate(token) switch
        {
            ApprovalTokenValidation.Valid valid => await LookupInstanceAsync(valid.Claims, cancellationToken),
            ApprovalTokenValidation.Expired expired => new ApprovalLookup.Expired(expired.Claims),
            ApprovalTokenValidation.Tampered => new ApprovalLookup.Tampered(),
            _ => new ApprovalLookup.Malformed(),
        };

    /// <summary>
    /// Uses the token, records the decision, then tells the instance. Recording before raising the
    /// event means a crash in between loses nothing: the approval workflow finds the record itself.
    /// </summary>
    /// <remarks>
    /// Two concurrent submissions of one token: the ledger lets one through. Two links for one step
    /// (e.g. the original and a reminder): the record is inserted once. Either way the loser changes nothing.
    /// </remarks>
    public async Task<ApprovalSubmission> SubmitAsync(ApprovalLookup.Open open, ApprovalAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(answer);
        var (claims, request, pending) = (open.Claims, open.Request, open.Pending);
        if (await ledger.TryRedeemAsync(claims, cancellationToken) == TokenRedemption.AlreadyUsed)
        {
            return new ApprovalSubmission.AlreadyUsed();
        }

        // The token is spent from here on: finish even if the browser goes away.
        var decidedAt = time.GetUtcNow();
        try
        {
            await approvals.RecordAsync(
                new ApprovalRecord(request.SubjectId, claims.Step, pending.Role, answer.Outcome, answer.Amount, answer.Comment, claims.ApproverEmail, decidedAt),
                CancellationToken.None);
        }
        catch (ConcurrencyConflictException)
        {
            return new ApprovalSubmission.AlreadyDecided();
        }

        var decision = new ApprovalDecision(claims.Step, answer.Outcome, answer.Amount, answer.Comment, claims.ApproverEmail, pending.Role, decidedAt);
        try
        {
            await client.RaiseEventAsync(claims.InstanceId, ApprovalEvents.Decision, decision, CancellationToken.None);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Ended (or purged) since the lookup: the decision stays on record, where the subject's history shows it.
            LogInstanceGone(logger, claims.InstanceId, claims.Step, e.Message);
        }

        return new ApprovalSubmission.Recorded(decision);
    }

    private async Task<ApprovalLookup> LookupInstanceAsync(ApprovalClaims claims, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(claims.InstanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return new ApprovalLookup.InstanceNotFound(claims);
        }

        var request = Read<ApprovalRequest>(instance.SerializedInput);
        var pending = instance.IsRunning ? Read<PendingApproval>(instance.SerializedCustomStatus) : null;
        var decision = request is null ? null : await approvals.GetAsync(request.SubjectId, claims.Step, cancellationToken);
        if (request is null || pending is null || !string.Equals(pending.Step, claims.Step, StringComparison.Ordinal))
        {
            return new ApprovalLookup.NoLongerWaiting(claims, decision, pending);
        }

        // Addresses compare without case: the same mailbox may be written either way.
        if (!string.Equals(pending.ApproverEmail, claims.ApproverEmail, StringComparison.OrdinalIgnoreCase))
        {
            return new ApprovalLookup.IssuedToSomeoneElse(claims);
        }

        if (await ledger.IsUsedAsync(claims.TokenId, cancellationToken))
        {
            return new ApprovalLookup.AlreadyUsed(claims, decision);
        }

        // Decided through another link to this step (say, the reminder's) while the event is on its way.
        return decision is not null
            ? new ApprovalLookup.NoLongerWaiting(claims, decision, null)
            : new ApprovalLookup.Open(claims, request, pending);
    }

    // A status or input of another shape (an instance that is not an approval) reads as absent.
    private static T? Read<T>(string? json)
        where T : class
    {
        try
        {
            return CreditFlow.Durable.Execution.PayloadConverter.FromJson<T>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning,
        Message = "Approval {InstanceId} step {Step}: the decision is recorded, but the instance could not be told ({Reason}).")]
    private static partial void LogInstanceGone(ILogger logger, string instanceId, string step, string reason);
}
