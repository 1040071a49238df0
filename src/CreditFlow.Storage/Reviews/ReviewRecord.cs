using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Reviews;

namespace CreditFlow.Storage.Reviews;

/// <summary>
/// One re-review of a customer: what it found (score, class, the figures' model), what it proposed, and how the
/// proposal ended. Written by the customer's review workflow.
/// </summary>
/// <param name="Cycle">The review's number for the customer, from 1.</param>
/// <param name="ReviewedAt">When.</param>
/// <param name="Reason">Why now: "scheduled", or who asked for it and why.</param>
/// <param name="Score">The new score; null when the data did not allow one (the class was then kept).</param>
/// <param name="ModelVersion">The scorecard model and version it was scored with.</param>
/// <param name="FromClass">The class before.</param>
/// <param name="FromLimit">The limit before, e.g. "1,000,000.00 CNY".</param>
/// <param name="Proposal">What it proposed.</param>
/// <param name="Outcome">Applied (at once), AwaitingApproval, Approved, Refused or NoChange.</param>
/// <param name="DecidedBy">Who approved or refused, when a person did.</param>
public sealed record ReviewRecord(
    string CustomerId,
    int Cycle,
    DateTimeOffset ReviewedAt,
    string Reason,
    decimal? Score,
    string? ModelVersion,
    CreditClass? FromClass,
    string FromLimit,
    ReviewProposal Proposal,
    string Outcome,
    string? DecidedBy = null)
{
    /// <summary>The credit policy version whose class bands and limit coefficients it was taken under; null on reviews taken before versions were recorded.</summary>
    public int? PolicyVersion { get; init; }

    /// <summary>The class the review found.</summary>
    public CreditClass FoundClass => Proposal.Class;
}

/// <summary>When a customer's next review is due, and whether a proposal waits for approval.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="NextReviewAt">When the next scheduled review runs.</param>
/// <param name="LastCycle">The last review's number (0 before the first).</param>
/// <param name="AwaitingApproval">The last review's proposal waits for an approver.</param>
public sealed record ReviewSchedule(string CustomerId, DateTimeOffset NextReviewAt, int LastCycle, bool AwaitingApproval);
