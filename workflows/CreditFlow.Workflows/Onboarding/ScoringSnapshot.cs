using System.Text.Json;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Policies;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>
/// Reads back what <see cref="RecordAssessment"/> logged with a scoring — the figures, the request, the annual sales,
/// the score, class and limits and the policy version — as a <see cref="ScoredApplication"/> a credit policy's
/// simulation can assess again.
/// </summary>
public static class ScoringSnapshot
{
    // RecordAssessment logs "{applicationId}-scored-{phase}".
    private const string Scored = "-scored-";

    /// <summary>
    /// The scoring a decision logged; null when the decision is not a scoring, or a scoring logged before the request
    /// and the annual sales were kept with it (its limits cannot be worked out again).
    /// </summary>
    public static ScoredApplication? Read(CreditDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.ApplicationId is not { } applicationId
            || ReadLogged(decision) is not ({ } phase, { Score: { Value: { } score, Class: { } creditClass }, Proposal: { RequestedLimit: { } requested, TrialLimit: { } trial, ProposedLimit: { } proposed }, Figures: { } figures } logged))
        {
            return null;
        }

        return new ScoredApplication(
            applicationId,
            decision.CustomerId,
            DateOnly.FromDateTime(decision.DecidedAt.UtcDateTime),
            phase,
            figures,
            requested,
            logged.Proposal.AnnualSales,
            score,
            creditClass,
            trial,
            proposed,
            logged.Score.PolicyVersion ?? CreditPolicy.Default.Version);
    }

    /// <summary>
    /// The score any scoring logged, also one logged before its request was kept: its phase ("trial", "final"), score,
    /// class and policy version when recorded; null when the decision is no scoring or has no score.
    /// </summary>
    public static LoggedScore? ReadScore(CreditDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return ReadLogged(decision) is ({ } phase, { Score: { Value: { } score } scoring })
            ? new LoggedScore(phase, score, scoring.Class, scoring.PolicyVersion)
            : null;
    }

    /// <summary>Whether a decision is a scoring at all (read or not).</summary>
    public static bool IsScoring(CreditDecision decision) =>
        decision?.Id.Contains(Scored, StringComparison.Ordinal) == true && decision.ApplicationId is not null;

    /// <summary>A scoring's phase and its snapshot; nulls when the decision is no scoring or its snapshot no JSON.</summary>
    private static (string? Phase, Logged? Logged) ReadLogged(CreditDecision decision)
    {
        var at = decision.Id.LastIndexOf(Scored, StringComparison.Ordinal);
        if (at < 0)
        {
            return (null, null);
        }

        try
        {
            return (decision.Id[(at + Scored.Length)..], OnboardingJson.Read<Logged>(decision.DataSnapshotJson));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private sealed record Logged(ScoreLogged? Score, ProposalLogged? Proposal, Dictionary<string, decimal>? Figures);

    private sealed record ScoreLogged(decimal? Value, CreditClass? Class, int? PolicyVersion);

    private sealed record ProposalLogged(Money? RequestedLimit, Money? AnnualSales, Money? TrialLimit, Money? ProposedLimit);
}

/// <summary>What a scoring logged of its score.</summary>
/// <param name="Phase">"trial" (on filing) or "final" (after the trial period).</param>
/// <param name="Score">The score.</param>
/// <param name="Class">The class, when recorded.</param>
/// <param name="PolicyVersion">The credit policy version it was classed under, when recorded.</param>
public sealed record LoggedScore(string Phase, decimal Score, CreditClass? Class, int? PolicyVersion);
