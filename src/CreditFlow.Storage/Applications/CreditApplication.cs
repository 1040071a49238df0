using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;

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
    DateTimeOffset UpdatedAt)
{
    /// <summary>The sales rep who filed it; asked by mail when data is missing.</summary>
    public string? SalesRepEmail { get; init; }

    /// <summary>The customer's contact, told the granted policy by mail.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>Sales' written reason for going ahead with a customer below the sales or credit standard.</summary>
    public string? BelowStandardReason { get; init; }

    /// <summary>Integrity issues sales or external data reported (e.g. falsified statements); any serious one rejects.</summary>
    public IReadOnlyList<string> IntegrityIssues { get; init; } = [];
}
