using CreditFlow.Domain.Onboarding;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>
/// The custom status of an onboarding instance: where the application stands, for the status URL
/// and the monitor. <see cref="Stage"/> mirrors the stored application status.
/// </summary>
/// <param name="Stage">An <c>ApplicationStatus</c> name, e.g. "WaitingForApproval".</param>
/// <param name="Detail">One sentence for people, e.g. "waiting for the credit officer (step 1)".</param>
/// <param name="ApprovalInstanceId">The open approval's instance, while one is open.</param>
/// <param name="MissingData">What sales was asked for, while waiting for data.</param>
/// <param name="TrialEndsAt">End of the trial period, during the trial.</param>
/// <param name="ReconsiderationUntil">Last moment a reconsideration may be requested, after a refusal.</param>
public sealed record OnboardingProgress(
    string Stage,
    string Detail,
    string? ApprovalInstanceId = null,
    IReadOnlyList<string>? MissingData = null,
    DateTimeOffset? TrialEndsAt = null,
    DateTimeOffset? ReconsiderationUntil = null);
