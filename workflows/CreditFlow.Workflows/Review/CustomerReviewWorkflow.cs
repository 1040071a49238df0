using CreditFlow.Workflows.Approvals;
using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Review;

/// <summary>
/// A customer on credit, re-reviewed for as long as it has credit: one cycle per history. The workflow sleeps until the
/// review is due (or someone asks for one), reviews (<see cref="ReviewCustomer"/>: rescored, a proposal, a decrease in
/// force at once), sends a proposal that raises the customer's credit through the approval its amount needs, books the
/// answer (<see cref="RecordReviewDecision"/>), schedules the next review by the class and warnings
/// (<see cref="ScheduleReview"/>) and starts the next cycle afresh.
/// </summary>
public sealed class CustomerReviewWorkflow : TaskOrchestrator<ReviewInput, ReviewProgress>
{
    /// <inheritdoc />
    public override async Task<ReviewProgress> RunAsync(TaskOrchestrationContext context, ReviewInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        context.SetCustomStatus(new ReviewProgress("WaitingForReview", input.Cycle, input.DueAt, null));
        var requested = context.WaitForExternalEvent<string>(ReviewIds.Requested);
        using (var sleeping = new CancellationTokenSource())
        {
            var due = context.CreateTimer(input.DueAt.UtcDateTime, sleeping.Token);
            if (await Task.WhenAny(due, requested) == requested)
            {
                sleeping.Cancel();
            }
        }

        var reason = requested.IsCompleted ? requested.Result : "scheduled";
        var review = await context.CallActivityAsync<ReviewResult>(nameof(ReviewCustomer), new ReviewStep(input, context.UtcNow(), reason), StepRetries.Default);
        if (review.Ended)
        {
            return new ReviewProgress("Ended", input.Cycle, null, review.Summary);
        }

        if (review.Approval is { } approval)
        {
            context.SetCustomStatus(new ReviewProgress("AwaitingApproval", input.Cycle, null, review.Summary));
            var decision = await context.CallSubOrchestratorAsync<ApprovalDecision>(
                nameof(ApprovalWorkflow), approval, new SubOrchestrationOptions { InstanceId = ReviewIds.Approval(input.CustomerId, input.Cycle) });
            await context.CallActivityAsync(nameof(RecordReviewDecision), new ReviewDecision(input, decision), StepRetries.Default);
        }

        var next = await context.CallActivityAsync<DateTimeOffset>(nameof(ScheduleReview), new ReviewStep(input, context.UtcNow(), reason), StepRetries.Default);

        // A request that came while this cycle ran is kept for the next one.
        context.ContinueAsNew(new ReviewInput(input.CustomerId, input.Cycle + 1, next), preserveUnprocessedEvents: true);
        return new ReviewProgress("ContinuedAsNew", input.Cycle, next, review.Summary);
    }
}
