using CreditFlow.Domain.Monetary;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>
/// A credit application as sales files it: the input of <c>OnboardingWorkflow</c>, whose
/// instance id is <see cref="ApplicationId"/>. Validated by the API before the workflow starts.
/// </summary>
/// <param name="FinancialFigures">Scorecard inputs by name (see the scorecard model's inputs), e.g. "currentRatio" → 1.6.</param>
/// <param name="ImpressionReport">The sales rep's first-visit impression report.</param>
/// <param name="BelowStandardReason">Sales' written reason to go ahead although the customer is below standard.</param>
/// <param name="IntegrityIssues">Integrity problems known at filing; any one rejects the application.</param>
/// <param name="FiledBy">The API caller who filed it, for the decision log.</param>
public sealed record CreditApplicationRequest(
    string ApplicationId,
    ApplicantCompany Customer,
    Money RequestedLimit,
    int RequestedTermDays,
    Money? ExpectedAnnualPurchases,
    IReadOnlyDictionary<string, decimal> FinancialFigures,
    string ImpressionReport,
    string SalesRepEmail,
    string? BelowStandardReason,
    IReadOnlyList<string> IntegrityIssues,
    string FiledBy,
    DateTimeOffset FiledAt);

/// <summary>The company applying for credit.</summary>
/// <param name="Id">Our customer id; the API derives it from the registration number.</param>
/// <param name="ActualController">Who controls the company; companies sharing one form a group.</param>
/// <param name="ContactEmail">Where the granted policy is sent.</param>
/// <param name="AnnualSales">The customer's own annual sales, the usual base of the reference limit.</param>
public sealed record ApplicantCompany(
    string Id,
    string Name,
    string RegistrationNumber,
    string? ActualController,
    string? Industry,
    string ContactEmail,
    Money? AnnualSales);
