using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using Microsoft.DurableTask;
using CreditFlow.Storage.Approvals;
using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// A held order or shipment, from hold to outcome. It asks the approver whose authority covers the
/// hold through <see cref="ApprovalWorkflow"/> (reminders and escalation happen there) and meanwhile
/// listens for a payment (re-check: released by itself when every reason is cured), a decision from
/// the worklist and a cancellation by the ERP. Whatever comes first decides; an approval still open
/// then is terminated, so its link stops working. The outcome is booked on the customer's ledger
/// with its decision log entry, and the ERP is called back until it answers 2xx.
/// </summary>
/// <remarks>
/// A decision by a role outside <see cref="HoldInput.AuthorizedRoles"/> is refused and logged; the
/// hold stays open. A rejection of a hold whose reasons are all cured by now is a stop the rules do
/// not require: only the credit committee may make it.
/// </remarks>
public sealed class OrderHoldWorkflow : TaskOrchestrator<HoldInput, HoldVerdict>
{
    /// <inheritdoc />
    public override async Task<HoldVerdict> RunAsync(TaskOrchestrationContext context, HoldInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new HoldProgress(HoldStatusText.Waiting, input.ApproverRole, null));
        Task<ApprovalDecision>? approval = context.CallSubOrchestratorAsync<ApprovalDecision>(
            nameof(ApprovalWorkflow), ApprovalRequestFor(input), new SubOrchestrationOptions { InstanceId = input.ApprovalInstanceId });
        var payment = context.WaitForExternalEvent<object?>(HoldEvents.PaymentReceived);
        var direct = context.WaitForExternalEvent<HoldDecisionRequest>(HoldEvents.Decision);
        var cancelled = context.WaitForExternalEvent<object?>(HoldEvents.OrderCancelled);

        HoldVerdict? verdict = null;
        while (verdict is null)
        {
            var done = approval is null
                ? await Task.WhenAny(payment, direct, cancelled)
                : await Task.WhenAny(payment, direct, cancelled, approval);
            if (done == approval)
            {
                var answered = await AnswerOf(approval!);
                approval = null;
                if (answered is not null)
                {
                    var request = new HoldDecisionRequest(answered.Outcome, answered.DecidedBy, answered.DecidedByRole, answered.Comment);
                    verdict = await DecideAsync(context, input, request, answered.ApprovedAmount);
                }
            }
            else if (done == payment)
            {
                payment = context.WaitForExternalEvent<object?>(HoldEvents.PaymentReceived);
                var recheck = await context.CallActivityAsync<RecheckResult>(nameof(RecheckHold), input, StepRetries.Default);
                if (recheck.Passes)
                {
                    verdict = new HoldVerdict(HoldResolution.Cured, "system", null, "a payment cured every hold reason", null, context.UtcNow());
                }
            }
            else if (done == direct)
            {
                var request = await direct;
                direct = context.WaitForExternalEvent<HoldDecisionRequest>(HoldEvents.Decision);
                verdict = await DecideAsync(context, input, request, null);
            }
            else
            {
                verdict = new HoldVerdict(HoldResolution.Withdrawn, "erp", null, "the order was cancelled in the ERP", null, context.UtcNow());
            }
        }

        if (approval is not null)
        {
            await context.CallActivityAsync(nameof(CloseApproval), input.ApprovalInstanceId, StepRetries.Default);
        }

        await context.CallActivityAsync(nameof(ApplyHoldVerdict), new HoldVerdictInput(input, verdict), StepRetries.Default);
        if (verdict.Resolution != HoldResolution.Withdrawn)
        {
            context.SetCustomStatus(new HoldProgress(HoldStatusText.CallingBack, input.ApproverRole, verdict.Resolution));
            var retry = new RetryPolicy(input.Callback.MaxAttempts, input.Callback.FirstRetry, 2.0, input.Callback.MaxRetryInterval);
            await context.CallActivityAsync(nameof(NotifyErp), CallbackFor(input, verdict), TaskOptions.FromRetryPolicy(retry));
        }

        context.SetCustomStatus(new HoldProgress(HoldStatusText.Done, input.ApproverRole, verdict.Resolution));
        return verdict;
    }

    /// <summary>Checks the decider's authority; returns the verdict, or null (refusal logged) when the decider lacks it.</summary>
    private static async Task<HoldVerdict?> DecideAsync(TaskOrchestrationContext context, HoldInput input, HoldDecisionRequest request, Money? approvedAmount)
    {
        var allowed = input.AuthorizedRoles;
        var why = $"the hold needs {input.ApproverRole} or above (amount at stake {input.AmountAtStake})";
        if (request.Outcome == ApprovalOutcome.Rejected && allowed.Contains(request.Role))
        {
            var recheck = await context.CallActivityAsync<RecheckResult>(nameof(RecheckHold), input, StepRetries.Default);
            if (recheck.Passes)
            {
                allowed = [CreditRole.CreditCommittee];
                why = "every hold reason is cured by now: a stop the rules do not require needs the credit committee";
            }
        }

        if (!allowed.Contains(request.Role))
        {
            await context.CallActivityAsync(
                nameof(RecordHoldRefusal),
                new HoldRefusalInput(input, request, $"{input.HoldId}-refused-{context.NewGuid():N}", context.UtcNow(), why), StepRetries.Default);
            return null;
        }

        return request.Outcome == ApprovalOutcome.Rejected
            ? new HoldVerdict(HoldResolution.Rejected, request.DecidedBy, request.Role, request.Comment, null, context.UtcNow())
            : new HoldVerdict(HoldResolution.Released, request.DecidedBy, request.Role, request.Comment, approvedAmount ?? input.Amount, context.UtcNow());
    }

    /// <summary>The approval's answer, or null when the approval failed (the worklist still decides).</summary>
    private static async Task<ApprovalDecision?> AnswerOf(Task<ApprovalDecision> approval)
    {
        try
        {
            return await approval;
        }
        catch (TaskFailedException)
        {
            return null;
        }
    }

    private static ApprovalRequest ApprovalRequestFor(HoldInput input)
    {
        var what = input.Kind == ErpDocumentKind.Order ? "order" : "shipment";

        // Holds started before names were looked up carry none: they keep the id, as their approval already shows.
        var customer = input.CustomerName ?? input.CustomerId;
        return new ApprovalRequest(
            "order hold",
            input.HoldId,
            input.CustomerId,
            customer,
            $"Held {what} {input.DocumentId} of {customer}: {input.Amount}",
            input.Amount,
            1,
            input.ApproverRole,
            [
                // The check's sentences name the customer by id; the approver reads its name (the input's reasons keep the id).
                new ApprovalSection("Why it is held", input.Reasons.Select(r => new ApprovalFact("reason", HoldText.Named(r, input.CustomerId, input.CustomerName))).ToArray()),
                new ApprovalSection("Order and exposure", input.Facts.Select(f => new ApprovalFact(f.Key, HoldText.Named(f.Value, input.CustomerId, input.CustomerName))).ToArray()),
            ]);
    }

    private static ErpCallback CallbackFor(HoldInput input, HoldVerdict verdict) => new(
        input.HoldId,
        verdict.Releases ? "released" : "rejected",
        input.CustomerId,
        input.OrderId,
        input.Kind == ErpDocumentKind.Shipment ? input.DocumentId : null,
        verdict.Releases ? verdict.ReleasedAmount ?? input.Amount : null,
        verdict.DecidedBy,
        verdict.Role?.ToString(),
        verdict.Comment,
        verdict.DecidedAt);
}
