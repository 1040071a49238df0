using System.Text.Json;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Host.Customers;

/// <summary>
/// A customer as <c>GET /api/customers/{id}</c> shows it: its data, its credit profile, the
/// explanation of its latest score and its documented decisions, newest first.
/// </summary>
/// <param name="CreditProfile">Null until onboarding created one.</param>
/// <param name="ScoreExplanation">The data snapshot of the latest decision that carries a score, as logged.</param>
/// <param name="ReportUrl">The latest credit report (HTML), when there is one.</param>
public sealed record CustomerView(
    string Id,
    string Name,
    string RegistrationNumber,
    string? ActualController,
    string? Industry,
    DateTimeOffset CreatedAt,
    CreditProfileView? CreditProfile,
    JsonElement? ScoreExplanation,
    IReadOnlyList<DecisionView> Decisions,
    string? ReportUrl);

/// <summary>The granted credit policy.</summary>
/// <param name="Class">A, B, C or D; null until scored.</param>
/// <param name="Status">Applicant, Trial, Active, Suspended, Restricted or Blacklisted.</param>
/// <param name="Score">The last score, 0-100.</param>
public sealed record CreditProfileView(
    string? Class, Money Limit, int TermDays, string Conditions, string Status, decimal? Score, string? ModelId, string? ModelVersion);

/// <summary>One documented decision: when, who, what, why, and with which model.</summary>
public sealed record DecisionView(
    string Id, DateTimeOffset DecidedAt, string DecidedBy, string What, string Why, string? ModelVersion, string? ApplicationId);
