using CreditFlow.Domain.Classes;
using CreditFlow.Storage.Reviews;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Workflows.Review;

/// <summary>
/// Re-review as the rest of CreditFlow calls it: a customer granted credit starts its review workflow (once, for its
/// whole life on credit), and anyone may ask for a review now (the API, a page, a red warning).
/// </summary>
public sealed class CustomerReviews(DurableTaskClient client, ReviewSteps steps, ReviewStore reviews)
{
    /// <summary>Starts the customer's reviews, the first due by its class, unless they run already.</summary>
    public async Task StartAsync(string customerId, CreditClass? creditClass, DateTimeOffset grantedAt, CancellationToken cancellationToken)
    {
        var input = new ReviewInput(customerId, 1, steps.FirstReviewAt(grantedAt, creditClass));
        try
        {
            if (await client.GetInstanceAsync(input.InstanceId, cancellationToken) is not null)
            {
                return;
            }

            await reviews.ScheduleAsync(new ReviewSchedule(customerId, input.DueAt, 0, false), cancellationToken);
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(CustomerReviewWorkflow), input, new StartOrchestrationOptions(input.InstanceId).WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>()), cancellationToken);
        }
        catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
        {
            // Reviewed already (a trial that became a final grant, or a retried grant).
        }
    }

    /// <summary>Asks for a review now; false when the customer has no review workflow running (never granted credit, or no longer on it).</summary>
    public async Task<bool> RequestAsync(string customerId, string reason, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(ReviewIds.For(customerId), cancellationToken);
        if (instance is null || instance.IsCompleted)
        {
            return false;
        }

        await client.RaiseEventAsync(ReviewIds.For(customerId), ReviewIds.Requested, reason, cancellationToken);
        return true;
    }
}
