using System.Security.Claims;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Security;
using CreditFlow.Storage;
using CreditFlow.Storage.Reviews;
using CreditFlow.Workflows.Review;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Reviews;

/// <summary>
/// Re-reviews as an API: every customer's next review (overdue ones and proposals waiting for approval marked) and a
/// customer's reviews with any key, and a review asked for now by credit staff.
/// </summary>
internal static class ReviewsApi
{
    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reviews", ListAsync)
            .WithTags("Reviews")
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("ListReviews")
            .WithSummary("Every customer on credit with its next review, soonest first, overdue ones and proposals awaiting approval marked, and its last review.")
            .WithDescription("Filters: due=true (the next review is due by now, or a proposal waits for approval). A bad value is a 400 naming the parameter.")
            .ProducesValidationProblem();
        app.MapGet("/api/customers/{customerId}/reviews", ListForCustomerAsync)
            .WithTags("Reviews")
            .RequireAuthorization(ApiKeyPolicies.ReadCredit)
            .WithName("ListCustomerReviews")
            .WithSummary("The customer's reviews, oldest first: score, class and limit before and proposed, findings, and how each ended.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/api/customers/{customerId}/reviews", RequestAsync)
            .WithTags("Reviews")
            .RequireAuthorization(ApiKeyPolicies.RequestReviews)
            .WithName("RequestReview")
            .WithSummary("Asks for the customer's review now (credit officer, credit manager, committee); 202, the review runs at once.")
            .WithDescription("Body: {\"reason\": \"new statements received\"}. 404 when the customer has no reviews running (not granted credit, or no longer on it).")
            .Accepts<RequestReviewBody>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    internal static async Task<Results<Ok<ScheduleView[]>, ProblemHttpResult>> ListAsync(ReviewStore reviews, TimeProvider clock, string? due, CancellationToken cancellationToken)
    {
        var onlyDue = false;
        if (!string.IsNullOrEmpty(due) && !bool.TryParse(due, out onlyDue))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["due"] = ["must be true or false."] });
        }

        var now = clock.GetUtcNow();
        var views = new List<ScheduleView>();
        foreach (var schedule in await reviews.SchedulesAsync(cancellationToken))
        {
            var overdue = !schedule.AwaitingApproval && schedule.NextReviewAt <= now;
            if (onlyDue && !overdue && !schedule.AwaitingApproval)
            {
                continue;
            }

            var last = schedule.LastCycle > 0 ? await reviews.GetAsync(schedule.CustomerId, schedule.LastCycle, cancellationToken) : null;
            views.Add(new ScheduleView(schedule.CustomerId, schedule.NextReviewAt, overdue, schedule.AwaitingApproval, last is null ? null : ReviewView.From(last)));
        }

        return TypedResults.Ok(views.ToArray());
    }

    internal static async Task<Results<Ok<ReviewView[]>, ProblemHttpResult>> ListForCustomerAsync(
        string customerId, ReviewStore reviews, CreditStore credit, CancellationToken cancellationToken) =>
        ResourceIds.IsPlausible(customerId)
            && (await credit.Profiles.GetAsync(customerId, cancellationToken) is not null || await credit.Customers.GetAsync(customerId, cancellationToken) is not null)
            ? TypedResults.Ok((await reviews.ListAsync(customerId, cancellationToken)).Select(ReviewView.From).ToArray())
            : ApiProblems.NotFound("Customer", $"No customer '{customerId}' exists.");

    internal static async Task<Results<Accepted, ProblemHttpResult>> RequestAsync(
        string customerId, HttpRequest request, ClaimsPrincipal caller, CustomerReviews reviews, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RequestReviewBody>(request, cancellationToken, validate: RequestReviewBody.Validate);
        if (problem is not null)
        {
            return problem;
        }

        if (!ResourceIds.IsPlausible(customerId) || !await reviews.RequestAsync(customerId, $"asked for by {caller.Identity!.Name}: {body!.Reason!.Trim()}", cancellationToken))
        {
            return ApiProblems.NotFound("Review", $"Customer '{customerId}' has no reviews running: it was never granted credit, or is no longer on it. Nothing was asked.");
        }

        return TypedResults.Accepted($"/api/customers/{Uri.EscapeDataString(customerId)}/reviews");
    }
}
