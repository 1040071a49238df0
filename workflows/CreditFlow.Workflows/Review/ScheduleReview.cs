using Microsoft.DurableTask;

namespace CreditFlow.Workflows.Review;

/// <summary>Schedules the customer's next review (<see cref="ReviewSteps.ScheduleAsync"/>).</summary>
public sealed class ScheduleReview(ReviewSteps steps) : TaskActivity<ReviewStep, DateTimeOffset>
{
    /// <inheritdoc />
    public override Task<DateTimeOffset> RunAsync(TaskActivityContext context, ReviewStep input) =>
        steps.ScheduleAsync(input ?? throw new ArgumentNullException(nameof(input)), CancellationToken.None);
}
