using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Workflows.Review;

/// <summary>A customer's review workflow, for one cycle: whose, which review is next and when it is due.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Cycle">The next review's number, from 1.</param>
/// <param name="DueAt">When it is due by the schedule (a request brings it forward).</param>
public sealed record ReviewInput(string CustomerId, int Cycle, DateTimeOffset DueAt)
{
    /// <summary>One instance per customer, for the customer's whole life on credit.</summary>
    public string InstanceId => ReviewIds.For(CustomerId);
}

/// <summary>How reviews are named.</summary>
public static class ReviewIds
{
    /// <summary>The instance id of the customer's review workflow.</summary>
    public static string For(string customerId) => $"review|{customerId}";

    /// <summary>The instance id of the approval a review's proposal waits for: a sub-orchestration of the review workflow.</summary>
    public static string Approval(string customerId, int cycle) => $"{For(customerId)}|{cycle.ToString(System.Globalization.CultureInfo.InvariantCulture)}|approval";

    /// <summary>The event asking for a review now (API, page, or a red warning); its payload says who and why.</summary>
    public const string Requested = "ReviewRequested";
}

/// <summary>An activity's input: the cycle, the workflow's time and why the review runs.</summary>
public sealed record ReviewStep(ReviewInput Review, DateTimeOffset At, string Reason);

/// <summary>What a review found: the customer left credit (no more reviews), or the proposal, with its approval when it needs one.</summary>
/// <param name="Ended">The customer is no longer on credit (blacklisted, or never granted): the workflow ends.</param>
/// <param name="Approval">The request for the approver when the proposal needs one; null otherwise.</param>
/// <param name="Summary">The proposal in words, as the workflow's status shows it.</param>
public sealed record ReviewResult(bool Ended, ApprovalRequest? Approval, string Summary);

/// <summary>The approver's answer to a review's proposal.</summary>
public sealed record ReviewDecision(ReviewInput Review, ApprovalDecision Decision);

/// <summary>The review workflow's status and result.</summary>
/// <param name="Status">WaitingForReview, AwaitingApproval, or Ended.</param>
/// <param name="Cycle">The review in question.</param>
/// <param name="DueAt">When the next review is due, while waiting.</param>
/// <param name="Summary">The last proposal, in words.</param>
public sealed record ReviewProgress(string Status, int Cycle, DateTimeOffset? DueAt, string? Summary);
