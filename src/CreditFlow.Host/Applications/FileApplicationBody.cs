namespace CreditFlow.Host.Applications;

/// <summary>
/// The body of <c>POST /api/applications</c> as sent. Every member is nullable so that one
/// validation pass can name each missing or bad field (<see cref="ApplicationValidator"/>);
/// those with a default are optional.
/// </summary>
/// <param name="FinancialFigures">Scorecard inputs by name, e.g. "currentRatio": 1.6; may be empty, then the workflow asks for them.</param>
/// <param name="ImpressionReport">The sales rep's first-visit impression report, at most 32,000 characters.</param>
/// <param name="BelowStandardReason">Sales' written reason to go ahead with a customer below the sales or credit standard.</param>
/// <param name="ExpectedAnnualPurchases">What the customer is expected to buy from us a year; below the sales standard sales must give a reason.</param>
/// <param name="IntegrityIssues">Integrity problems known at filing (e.g. falsified statements); any one rejects the application.</param>
public sealed record FileApplicationBody(
    ApplicantBody? Customer,
    MoneyBody? RequestedLimit,
    int? RequestedTermDays,
    Dictionary<string, decimal>? FinancialFigures,
    string? ImpressionReport,
    string? SalesRepEmail,
    MoneyBody? ExpectedAnnualPurchases = null,
    string? BelowStandardReason = null,
    List<string?>? IntegrityIssues = null);

/// <summary>The applying company as sent.</summary>
/// <param name="RegistrationNumber">The official registration number; the customer id is derived from it.</param>
/// <param name="ActualController">Who controls the company; companies with one controller form a group.</param>
/// <param name="ContactEmail">Where the granted policy is sent.</param>
public sealed record ApplicantBody(
    string? Name,
    string? RegistrationNumber,
    string? ContactEmail,
    string? ActualController = null,
    string? Industry = null,
    MoneyBody? AnnualSales = null);

/// <summary>An amount as sent: <c>{"amount": 1000, "currency": "CNY"}</c>, in the authority matrix's currency.</summary>
public sealed record MoneyBody(decimal? Amount, string? Currency);
