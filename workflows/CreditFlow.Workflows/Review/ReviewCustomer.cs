using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Review;

/// <summary>Reviews the customer (<see cref="ReviewSteps.ReviewAsync"/>).</summary>
public sealed class ReviewCustomer(ReviewSteps steps) : TaskActivity<ReviewStep, ReviewResult>
{
    /// <inheritdoc />
    public override Task<ReviewResult> RunAsync(TaskActivityContext context, ReviewStep input) =>
        steps.ReviewAsync(input ?? throw new ArgumentNullException(nameof(input)), CancellationToken.None);
}
