using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Review;

/// <summary>Books the approver's answer to a review's proposal (<see cref="ReviewSteps.DecideAsync"/>).</summary>
public sealed class RecordReviewDecision(ReviewSteps steps) : TaskActivity<ReviewDecision, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ReviewDecision input)
    {
        await steps.DecideAsync(input ?? throw new ArgumentNullException(nameof(input)), CancellationToken.None);
        return true;
    }
}
