using System.Text.Json;
using CreditFlow.Durable.Execution;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Reviews;
using CreditFlow.Host.Security;
using CreditFlow.Storage;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Reviews;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Review;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using static CreditFlow.Host.Credit.WorklistText;

namespace CreditFlow.Host.Workspace.Reviews;

/// <summary>
/// The page <c>/credit/reviews</c> (<see cref="ReviewsPage"/>): the re-reviews whose proposal waits for an approver
/// (before → proposed, the findings, and whom it waits for), then every customer's next review — due within 30 days or
/// overdue first, the later ones below a page at a time — with how its last review ended, and a form asking for a
/// review now as the signed-in user through the same path as <c>POST /api/customers/{id}/reviews</c>
/// (<see cref="CustomerReviews.RequestAsync"/>), for the roles that API allows.
/// </summary>
/// <remarks>
/// Overdue means as in <c>GET /api/reviews</c>: the next review was due by now and has not run (the workflow was down).
/// A customer whose proposal waits for approval is listed only among those; its next review is scheduled once the
/// approver has answered. Whom a proposal waits for is read from its approval's status, so an escalation shows.
/// </remarks>
internal static class ReviewsPageEndpoints
{
    public const string Path = "/credit/reviews";
    internal static readonly TimeSpan Soon = TimeSpan.FromDays(30);

    public static RouteGroupBuilder MapReviewsPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapWorkspaceGroup(Path);
        page.MapGet("", ShowAsync).WithName("ReviewsPage").WithSummary("Review proposals awaiting approval, and every customer's next review, overdue ones marked.");
        page.MapGet("/export.{format}", ReviewsExport.DownloadAsync).WithName("ReviewsExport").WithSummary("Every customer in the review schedule (not only the page shown), as CSV or Excel (xlsx).");
        page.MapPost("/{customerId}/review", ReviewNowAsync).WithName("ReviewsPageReviewNow").WithSummary("Asks for the customer's review now, as the signed-in user.");
        return page;
    }

    public static async Task<RazorComponentResult<ReviewsPage>> ShowAsync(HttpContext http, ReviewStore reviews, CreditStore credit, CustomerRepository customers, DurableTaskClient durable, TimeProvider clock, string? page)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        var flash = CreditMessages.TakeFlash(http);
        var now = clock.GetUtcNow();
        var (awaiting, due, upcoming) = Split(await reviews.SchedulesAsync(cancellationToken), now);
        var overdue = due.Count(s => s.NextReviewAt <= now);
        var paging = Paging.Read(page, upcoming.Count, ref flash);

        var proposals = new List<ProposalCard>();
        foreach (var schedule in awaiting)
        {
            if (await reviews.GetAsync(schedule.CustomerId, schedule.LastCycle, cancellationToken) is { } review)
            {
                var profile = (await credit.Profiles.GetAsync(schedule.CustomerId, cancellationToken))?.Value;
                proposals.Add(new ProposalCard(review, profile, await PendingAsync(durable, schedule.CustomerId, schedule.LastCycle, cancellationToken)));
            }
        }

        // The later reviews a page at a time: their last reviews, profiles and names are read for the page shown only.
        var upcomingShown = paging.Of(upcoming);
        var dueRows = await RowsAsync(due, reviews, credit, cancellationToken);
        var upcomingRows = await RowsAsync(upcomingShown, reviews, credit, cancellationToken);
        var names = await NamesAsync(awaiting.Concat(due).Concat(upcomingShown).Select(s => s.CustomerId), customers, cancellationToken);
        return new RazorComponentResult<ReviewsPage>(new
        {
            UserName = user.Name,
            UserRole = Words(user.Role),
            Proposals = proposals,
            Due = dueRows,
            Upcoming = upcomingRows,
            UpcomingPaging = paging,
            OverdueCount = overdue,
            SoonDays = Soon.Days,
            Names = names,
            MayAsk = ApiKeyPolicies.RequestReviewsRoles.Contains(user.Role),
            Now = now,
            Back = Path + http.Request.QueryString,
            ReasonMaxChars = RequestReviewBody.MaxChars,
            Message = PageMessage.From(flash),
        });
    }

    public static async Task<IResult> ReviewNowAsync(HttpContext http, string customerId, CustomerReviews reviews, CustomerRepository customers)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        if (await AdminForms.ReadAsync(http.Request, cancellationToken) is not { } form)
        {
            return WorkspaceNotices.NotAForm(user, "Ask for reviews from the reviews page. Nothing was asked.", Path, "Reviews");
        }

        var back = CreditGuard.IsCreditPath(form["back"]) ? form["back"].ToString() : Path;
        if (!ApiKeyPolicies.RequestReviewsRoles.Contains(user.Role))
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error(
                $"Only a credit officer, credit manager or the credit committee may ask for a review; you are signed in as {user.Name} ({Words(user.Role)}). Nothing was asked."));
        }

        if (!ResourceIds.IsPlausible(customerId))
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error($"There is no customer \"{customerId}\". Nothing was asked."));
        }

        var name = (await customers.GetAsync(customerId, cancellationToken))?.Value.Name ?? customerId;
        var body = new RequestReviewBody(form["reason"]);
        var problems = RequestReviewBody.Validate(body);
        if (!problems.IsEmpty)
        {
            var why = string.Join(" ", problems.ToDictionary().Select(p => $"Reason {string.Join(" ", p.Value)}"));
            return CreditMessages.RedirectWith(http, back, Flash.Error($"{why} Nothing was asked for {name}."));
        }

        var reason = body.Reason!.Trim();
        if (!await reviews.RequestAsync(customerId, $"asked for by {user.Name}: {reason}", cancellationToken))
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error(
                $"{name} has no reviews running: it was never granted credit, or is no longer on it. Nothing was asked."));
        }

        return CreditMessages.RedirectWith(http, back, Flash.Ok(
            $"Asked for a review of {name} as {user.Name} ({Words(user.Role)}): \"{reason}\". It runs now; its outcome shows here as the last review."));
    }

    /// <summary>
    /// The schedule as the page lists it: the proposals awaiting approval (by customer id), then the reviews due within
    /// <see cref="Soon"/> or overdue, then the later ones.
    /// </summary>
    internal static (List<ReviewSchedule> Awaiting, List<ReviewSchedule> Due, List<ReviewSchedule> Upcoming) Split(IEnumerable<ReviewSchedule> schedules, DateTimeOffset now)
    {
        var all = schedules.ToList();
        var awaiting = all.Where(s => s.AwaitingApproval && s.LastCycle > 0).OrderBy(s => s.CustomerId, StringComparer.Ordinal).ToList();
        var scheduled = all.Where(s => !s.AwaitingApproval || s.LastCycle == 0).ToList();
        return (awaiting, scheduled.Where(s => s.NextReviewAt <= now + Soon).ToList(), scheduled.Where(s => s.NextReviewAt > now + Soon).ToList());
    }

    /// <summary>The last reviews and the profiles of <paramref name="schedules"/>, in order.</summary>
    internal static async Task<List<ScheduledReview>> RowsAsync(IEnumerable<ReviewSchedule> schedules, ReviewStore reviews, CreditStore credit, CancellationToken cancellationToken)
    {
        var rows = new List<ScheduledReview>();
        foreach (var schedule in schedules)
        {
            var last = schedule.LastCycle > 0 ? await reviews.GetAsync(schedule.CustomerId, schedule.LastCycle, cancellationToken) : null;
            rows.Add(new ScheduledReview(schedule, last, (await credit.Profiles.GetAsync(schedule.CustomerId, cancellationToken))?.Value));
        }

        return rows;
    }

    /// <summary>The step the review's approval waits on (whose role, since when), or null before it has started or once it ended.</summary>
    private static async Task<PendingApproval?> PendingAsync(DurableTaskClient durable, string customerId, int cycle, CancellationToken cancellationToken)
    {
        var instance = await durable.GetInstanceAsync(ReviewIds.Approval(customerId, cycle), getInputsAndOutputs: true, cancellationToken);
        if (instance is not { IsRunning: true })
        {
            return null;
        }

        try
        {
            return PayloadConverter.FromJson<PendingApproval>(instance.SerializedCustomStatus);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
