using CreditFlow.Domain.Calendar;
using CreditFlow.Workflows.Mail;
using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Approvals;

/// <summary>
/// One approval by mail, from request to decision: the approver gets a signed link; without an
/// answer within the reminder time they are reminded; without one within the escalation time the
/// step moves to the next tier up, which gets its own link. The top tier is reminded until it
/// answers. Returns the decision; the calling workflow records what it means.
/// </summary>
public sealed class ApprovalWorkflow : TaskOrchestrator<ApprovalRequest, ApprovalDecision>
{
    /// <inheritdoc />
    public override async Task<ApprovalDecision> RunAsync(TaskOrchestrationContext context, ApprovalRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = await context.CallActivityAsync<ApprovalPlan>(nameof(PlanApproval), input.Role, StepRetries.Default);
        var calendar = new WorkingCalendar(plan.Weekend);

        ApproverRung? didNotAnswer = null;
        for (var rung = 0; rung < plan.Ladder.Count; rung++)
        {
            var approver = plan.Ladder[rung];
            var step = $"{input.StepNumber}.{rung + 1}-{approver.Role}";
            var requestedAt = context.UtcNow();
            DateTimeOffset? escalateAt = rung < plan.Ladder.Count - 1 ? calendar.AddWorkingDays(requestedAt, plan.EscalationAfterWorkingDays) : null;
            var wakeAt = Earliest(calendar.AddWorkingDays(requestedAt, plan.ReminderAfterWorkingDays), escalateAt);

            context.SetCustomStatus(Pending(step, approver, requestedAt, wakeAt, escalateAt));
            await context.CallActivityAsync(nameof(SendApprovalMail), new ApprovalMailInput(
                context.InstanceId, step, approver, didNotAnswer is null ? ApprovalMailKind.Request : ApprovalMailKind.Escalation,
                input, escalateAt ?? wakeAt, didNotAnswer?.Role.ToString(), MailKey.New(context)), StepRetries.Default);

            // Reminders until the escalation time; the top rung has none and is reminded until it answers.
            ApprovalDecision? decision;
            while ((decision = await DecisionBefore(context, input, step, wakeAt)) is null && wakeAt != escalateAt)
            {
                var nextWake = Earliest(calendar.AddWorkingDays(wakeAt, plan.ReminderAfterWorkingDays), escalateAt);
                await context.CallActivityAsync(nameof(SendApprovalMail), new ApprovalMailInput(
                    context.InstanceId, step, approver, ApprovalMailKind.Reminder, input, escalateAt ?? nextWake, MailKey: MailKey.New(context)), StepRetries.Default);
                wakeAt = nextWake;
                context.SetCustomStatus(Pending(step, approver, requestedAt, wakeAt, escalateAt));
            }

            if (decision is not null)
            {
                return decision;
            }

            didNotAnswer = approver;
        }

        // Unreachable: the top rung has no escalation time, so its loop only ends with a decision.
        throw new InvalidOperationException("The approval ladder ended without a decision.");
    }

    /// <summary>
    /// The first decision on any rung of this approval that arrives before <paramref name="until"/>,
    /// or else one the approval page recorded without its event reaching us (a crash in between).
    /// A lower tier that answered just as the step moved up still answered with authority it held.
    /// </summary>
    private static async Task<ApprovalDecision?> DecisionBefore(TaskOrchestrationContext context, ApprovalRequest request, string step, DateTimeOffset until)
    {
        var stepPrefix = $"{request.StepNumber}.";
        while (context.UtcNow() < until)
        {
            try
            {
                var decision = await context.WaitForExternalEvent<ApprovalDecision>(ApprovalEvents.Decision, until - context.UtcNow());
                if (decision.Step.StartsWith(stepPrefix, StringComparison.Ordinal))
                {
                    return decision;
                }
            }
            catch (TaskCanceledException)
            {
                break;
            }
        }

        return await context.CallActivityAsync<ApprovalDecision?>(nameof(FindRecordedDecision), new RecordedDecisionQuery(request.SubjectId, step), StepRetries.Default);
    }

    private static PendingApproval Pending(string step, ApproverRung approver, DateTimeOffset requestedAt, DateTimeOffset wakeAt, DateTimeOffset? escalateAt) =>
        new(step, approver.Role, approver.Email, requestedAt, wakeAt == escalateAt ? null : wakeAt, escalateAt);

    private static DateTimeOffset Earliest(DateTimeOffset at, DateTimeOffset? other) => other is { } o && o < at ? o : at;
}
