using CreditFlow.Workflows.Approvals;
using Microsoft.DurableTask;

namespace CreditFlow.Workflows.LegalHandoff;

/// <summary>
/// One legal case, from opening to its outcome. Each look (<see cref="TakeCaseSteps"/>) carries out what the case asks
/// now: the customer blacklisted and its group flagged, the case file built, legal asked to accept, the case placed with
/// or recalled from the agency, recoveries booked as payments, the case closed when paid or settled, a settlement or
/// write-off sent for approval, legal asked to look when nothing was heard for long. Between looks the workflow sleeps
/// until a person or the agency changes the case, the approval answers (<see cref="RecordCaseDecision"/>), or the case
/// has been silent too long.
/// </summary>
/// <remarks>
/// The case lives in storage and every look acts on what storage says at that moment, so a change that races a timer
/// costs one extra look, never a wrong step. The approval runs beside the looks: an agency's report while the approver
/// thinks is still booked at once. The history starts afresh every <see cref="LooksPerHistory"/> looks, never while an
/// approval is out.
/// </remarks>
public sealed class LegalCaseWorkflow : TaskOrchestrator<CaseInput, CaseStanding>
{
    /// <summary>Looks in one history: a case with its agency's reports and an approval or two stays well below it.</summary>
    public const int LooksPerHistory = 40;

    /// <inheritdoc />
    public override async Task<CaseStanding> RunAsync(TaskOrchestrationContext context, CaseInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var changed = context.WaitForExternalEvent<object?>(CaseIds.Changed);
        Task<ApprovalDecision>? approval = null;
        var asked = 0;
        for (var look = 0; look < LooksPerHistory || approval is not null; look++)
        {
            var standing = await context.CallActivityAsync<CaseStanding>(nameof(TakeCaseSteps), new CaseLook(input, context.UtcNow()), StepRetries.Default);
            context.SetCustomStatus(standing);
            if (standing.Closed)
            {
                return standing;
            }

            if (approval is null && standing.Approval is { } request)
            {
                asked = request.Number;
                approval = context.CallSubOrchestratorAsync<ApprovalDecision>(
                    nameof(ApprovalWorkflow), request.Request, new SubOrchestrationOptions { InstanceId = CaseIds.Approval(input.CaseId, request.Number) });
            }

            using var sleeping = new CancellationTokenSource();
            var waits = new List<Task> { changed };
            var timer = standing.NextLookAt is { } wakeAt ? context.CreateTimer(wakeAt.UtcDateTime, sleeping.Token) : null;
            if (timer is not null)
            {
                waits.Add(timer);
            }

            if (approval is not null)
            {
                waits.Add(approval);
            }

            var woke = await Task.WhenAny(waits);
            if (woke == approval)
            {
                await context.CallActivityAsync(nameof(RecordCaseDecision), new CaseDecision(input, asked, approval.Result, context.UtcNow()), StepRetries.Default);
                approval = null;
            }

            if (timer is { IsCompleted: false })
            {
                sleeping.Cancel();
            }

            if (changed.IsCompleted)
            {
                changed = context.WaitForExternalEvent<object?>(CaseIds.Changed);
            }
        }

        context.ContinueAsNew(input, preserveUnprocessedEvents: true);
        return new CaseStanding("ContinuedAsNew", false, null, null);
    }
}
