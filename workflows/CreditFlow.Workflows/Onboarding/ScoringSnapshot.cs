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
        var at = decision.Id.LastIndexOf(Scored, StringComparison.Ordinal);
        if (at < 0 || decision.ApplicationId is not { } applicationId)
        {
            return null;
        }

        Logged? logged;
        try
        {
            logged = OnboardingJson.Read<Logged>(decision.DataSnapshotJson);
        }
        catch (JsonException)
        {
            return null;
        }

        if (logged is not { Score: { Value: { } score, Class: { } creditClass }, Proposal: { RequestedLimit: { } requested, TrialLimit: { } trial, ProposedLimit: { } proposed }, Figures: { } figures })
        {
            return null;
        }

        return new ScoredApplication(
            applicationId,
            decision.CustomerId,
            DateOnly.FromDateTime(decision.DecidedAt.UtcDateTime),
            decision.Id[(at + Scored.Length)..],
            figures,
            requested,
            logged.Proposal.AnnualSales,
            score,
            creditClass,
            trial,
            proposed,
            logged.Score.PolicyVersion ?? CreditPolicy.Default.Version);
    }

    /// <summary>Whether a decision is a scoring at all (read or not).</summary>
    public static bool IsScoring(CreditDecision decision) =>
        decision?.Id.Contains(Scored, StringComparison.Ordinal) == true && decision.ApplicationId is not null;

    private sealed record Logged(ScoreLogged? Score, ProposalLogged? Proposal, Dictionary<string, decimal>? Figures);

    private sealed record ScoreLogged(decimal? Value, CreditClass? Class, int? PolicyVersion);

    private sealed record ProposalLogged(Money? RequestedLimit, Money? AnnualSales, Money? TrialLimit, Money? ProposedLimit);
}
