using System.Globalization;
using CreditFlow.Domain.Classes;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Reviews;
using CreditFlow.Workflows.Onboarding;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>One score a customer was given, and by what.</summary>
/// <param name="Source">What scored it, in words: "onboarding (trial)", "review 3 (scheduled)".</param>
/// <param name="Score">Null when a review's data did not allow a score (the class was kept).</param>
/// <param name="Model">The scorecard model and version, when known.</param>
/// <param name="PolicyVersion">The credit policy version whose class bands classed it, when recorded.</param>
public sealed record ScorePoint(DateTimeOffset At, string Source, decimal? Score, CreditClass? Class, string? Model, int? PolicyVersion);

/// <summary>
/// A customer's scores over time, oldest first: onboarding's scorings (from the decisions they logged, read by
/// <see cref="ScoringSnapshot"/>) and every re-review.
/// </summary>
internal static class ScoreHistory
{
    public static IReadOnlyList<ScorePoint> Of(IReadOnlyList<CreditDecision> decisions, IReadOnlyList<ReviewRecord> reviews)
    {
        var points = decisions.Select(FromScoring).OfType<ScorePoint>().ToList();
        points.AddRange(reviews.Select(r => new ScorePoint(
            r.ReviewedAt, $"review {r.Cycle.ToString(CultureInfo.InvariantCulture)} ({r.Reason})", r.Score, r.FoundClass, r.ModelVersion, r.PolicyVersion)));
        return points.OrderBy(p => p.At).ToList();
    }

    private static ScorePoint? FromScoring(CreditDecision decision) =>
        ScoringSnapshot.ReadScore(decision) is { } scored
            ? new ScorePoint(decision.DecidedAt, $"onboarding ({scored.Phase})", scored.Score, scored.Class, decision.ModelVersion, scored.PolicyVersion)
            : null;
}
