using System.Text.Json.Serialization;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Policies;

/// <summary>
/// What onboarding's assessment of an application saw and made of it: enough to assess the same application again
/// under another policy (<see cref="ApplicationImpact"/>).
/// </summary>
/// <param name="ApplicationId">Which application.</param>
/// <param name="CustomerId">Whose.</param>
/// <param name="Day">The day it was scored.</param>
/// <param name="Phase">"trial" (on filing) or "final" (after the trial period).</param>
/// <param name="Figures">The scorecard figures it was scored on.</param>
/// <param name="Requested">The limit asked for.</param>
/// <param name="AnnualSales">The applicant's annual sales, when known.</param>
/// <param name="Score">The score given.</param>
/// <param name="Class">The class given.</param>
/// <param name="TrialLimit">The trial limit proposed.</param>
/// <param name="ProposedLimit">The final limit proposed.</param>
/// <param name="PolicyVersion">The policy it was assessed under.</param>
public sealed record ScoredApplication(
    string ApplicationId,
    string CustomerId,
    DateOnly Day,
    string Phase,
    IReadOnlyDictionary<string, decimal> Figures,
    Money Requested,
    Money? AnnualSales,
    decimal Score,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CreditClass>))] CreditClass Class,
    Money TrialLimit,
    Money ProposedLimit,
    int PolicyVersion);
