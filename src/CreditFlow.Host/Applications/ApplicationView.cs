using CreditFlow.Domain.Monetary;

namespace CreditFlow.Host.Applications;

/// <summary>
/// A credit application as <c>GET /api/applications/{id}</c> shows it: the stored application (or,
/// before onboarding stored it, what was filed) with the workflow's progress, documents and approvals.
/// </summary>
/// <param name="Status">Where it stands: Submitted, InReview, WaitingForData, WaitingForApproval, Trial, Granted, Rejected or Abandoned.</param>
/// <param name="Detail">One sentence on the current step, from the workflow.</param>
/// <param name="WorkflowStatus">The onboarding orchestration's runtime status (Pending, Running, Completed, Failed, ...); null once purged.</param>
/// <param name="MissingData">What sales was asked for, while waiting for data.</param>
/// <param name="TrialEndsAt">End of the trial period, during the trial.</param>
/// <param name="ReconsiderationUntil">Last moment a reconsideration may be requested, after a refusal.</param>
/// <param name="CustomerUrl">The customer's credit profile, once onboarding stored the customer.</param>
public sealed record ApplicationView(
    string Id,
    string Status,
    string? Detail,
    string? WorkflowStatus,
    ApplicantView Customer,
    Money RequestedLimit,
    int RequestedTermDays,
    Money? ExpectedAnnualPurchases,
    IReadOnlyDictionary<string, decimal> FinancialFigures,
    string ImpressionReport,
    string? SalesRepEmail,
    string? BelowStandardReason,
    IReadOnlyList<string> IntegrityIssues,
    string FiledBy,
    DateTimeOffset FiledAt,
    IReadOnlyList<string>? MissingData,
    DateTimeOffset? TrialEndsAt,
    DateTimeOffset? ReconsiderationUntil,
    IReadOnlyList<DocumentView> Documents,
    IReadOnlyList<ApprovalView> Approvals,
    string? CustomerUrl);

/// <summary>The applying company as the application shows it.</summary>
public sealed record ApplicantView(
    string Id,
    string Name,
    string RegistrationNumber,
    string? ActualController,
    string? Industry,
    string? ContactEmail,
    Money? AnnualSales);
