using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Workflows.Review;

/// <summary>
/// Re-review settings (section <c>Reviews</c>): when in the day a review runs. The business numbers (intervals by class,
/// strategic and restricted credit) bind to <see cref="Domain.Reviews.ReviewPolicy"/> from the same section.
/// </summary>
public sealed class ReviewOptions
{
    /// <summary>The time of day (UTC) a review due on a day runs. Default 01:00 UTC, as dunning: the morning in China.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan ReviewTimeOfDay { get; set; } = TimeSpan.FromHours(1);
}
