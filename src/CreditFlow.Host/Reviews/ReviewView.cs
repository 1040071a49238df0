using CreditFlow.Storage.Reviews;

namespace CreditFlow.Host.Reviews;

/// <summary>A customer's place in the review schedule as <c>GET /api/reviews</c> shows it.</summary>
/// <param name="Overdue">Its review was due before now and has not run (the workflow was down, or waits for approval).</param>
/// <param name="Last">The last review, when there was one.</param>
internal sealed record ScheduleView(string CustomerId, DateTimeOffset NextReviewAt, bool Overdue, bool AwaitingApproval, ReviewView? Last);

/// <summary>One review as the API shows it.</summary>
/// <param name="Change">None, Decrease, Increase, Strategic or Restricted.</param>
/// <param name="Outcome">NoChange, Applied, AwaitingApproval, Approved or Refused.</param>
internal sealed record ReviewView(
    int Cycle,
    DateTimeOffset ReviewedAt,
    string Reason,
    decimal? Score,
    string? ScoreModel,
    string? FromClass,
    string FromLimit,
    string Change,
    string ProposedClass,
    string ProposedLimit,
    string ProposedStatus,
    bool PolicyRevision,
    string[] Findings,
    string Outcome,
    string? DecidedBy)
{
    public static ReviewView From(ReviewRecord r) => new(
        r.Cycle, r.ReviewedAt, r.Reason, r.Score, r.ModelVersion, r.FromClass?.ToString(), r.FromLimit, r.Proposal.Change.ToString(),
        r.Proposal.Class.ToString(), r.Proposal.Limit.ToString(), r.Proposal.Status.ToString(), r.Proposal.PolicyRevision, r.Proposal.Reasons.ToArray(), r.Outcome, r.DecidedBy);
}
