using CreditFlow.Host.Credit;
using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Reviews;

namespace CreditFlow.Host.Workspace.Reviews;

/// <summary>
/// <c>GET /credit/reviews/export.{csv|xlsx}</c>: every customer the reviews page lists, in its order — the proposals
/// awaiting approval, the reviews due soon or overdue, then the later ones on all pages — with its credit now and its
/// last review, for any signed-in credit user (as the page).
/// </summary>
internal static class ReviewsExport
{
    public static async Task<IResult> DownloadAsync(HttpContext http, ReviewStore reviews, CreditStore credit, CustomerRepository customers, TimeProvider clock, string format)
    {
        if (!TableFiles.IsFormat(format))
        {
            return TypedResults.NotFound();
        }

        var cancellationToken = http.RequestAborted;
        var now = clock.GetUtcNow();
        var (awaiting, due, upcoming) = ReviewsPageEndpoints.Split(await reviews.SchedulesAsync(cancellationToken), now);
        var rows = await ReviewsPageEndpoints.RowsAsync(awaiting.Concat(due).Concat(upcoming), reviews, credit, cancellationToken);
        var names = await WorklistText.NamesAsync(rows.Select(r => r.Schedule.CustomerId), customers, cancellationToken);
        var table = new ExportTable(
            TableFiles.Named("reviews", clock),
            ["Customer id", "Customer", "Standing", "Next review (UTC)", "Class", "Limit", "Currency", "Term days", "Status", "Last review (UTC)", "Last reason", "Last outcome", "Proposed change", "Proposed class", "Proposed limit"],
            rows.Select(r =>
            {
                var (schedule, last, profile) = (r.Schedule, r.Last, r.Profile);
                var proposal = awaiting.Contains(schedule) ? last?.Proposal : null;
                return new object?[]
                {
                    schedule.CustomerId, names.GetValueOrDefault(schedule.CustomerId), Standing(schedule, proposal is not null, now),
                    proposal is null ? schedule.NextReviewAt : null, profile?.Class?.ToString(), profile?.Limit.Amount, (profile?.Limit ?? proposal?.Limit)?.Currency.Code, profile?.TermDays,
                    profile is null ? null : WorklistText.Words(profile.Status), last?.ReviewedAt, last?.Reason, last?.Outcome,
                    proposal is null ? null : WorklistText.Words(proposal.Change), proposal?.Class.ToString(), proposal?.Limit.Amount,
                };
            }).ToList());
        return await TableFiles.DownloadAsync(table, format, cancellationToken);
    }

    /// <summary>Where the customer stands in the schedule, as the page groups it.</summary>
    private static string Standing(ReviewSchedule schedule, bool awaitingApproval, DateTimeOffset now) =>
        awaitingApproval ? "awaiting approval"
        : schedule.NextReviewAt <= now ? "overdue"
        : schedule.NextReviewAt <= now + ReviewsPageEndpoints.Soon ? "due soon"
        : "later";
}
