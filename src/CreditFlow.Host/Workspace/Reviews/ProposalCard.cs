using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Reviews;
using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Host.Workspace.Reviews;

/// <summary>A review waiting for approval, with the customer's profile now and the approval's open step.</summary>
/// <param name="Review">The review and what it proposes.</param>
/// <param name="Profile">The customer's credit now (before the proposal); null when it has none on file.</param>
/// <param name="Pending">The approval's open step; null before the approval has started.</param>
public sealed record ProposalCard(ReviewRecord Review, CustomerCreditProfile? Profile, PendingApproval? Pending);

/// <summary>A customer in the review schedule, with its last review and its credit now.</summary>
/// <param name="Schedule">When its next review is due.</param>
/// <param name="Last">Its last review; null before the first.</param>
/// <param name="Profile">Its credit now; null when it has none on file.</param>
public sealed record ScheduledReview(ReviewSchedule Schedule, ReviewRecord? Last, CustomerCreditProfile? Profile);
