using CreditFlow.Domain.Monetary;

namespace CreditFlow.Storage.Applications;

/// <summary>A credit application filed by a sales rep.</summary>
/// <param name="FinancialFigures">Named figures from the statements, e.g. "currentAssets" → 1200000.</param>
/// <param name="ImpressionReport">The sales rep's first-visit impression report.</param>
public sealed record CreditApplication(
    string Id,
    string CustomerId,
    Money RequestedLimit,
    int RequestedTermDays,
    IReadOnlyDictionary<string, decimal> FinancialFigures,
    string ImpressionReport,
    ApplicationStatus Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
