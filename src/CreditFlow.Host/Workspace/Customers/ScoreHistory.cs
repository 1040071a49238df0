using System.Globalization;
using System.Text.Json;
using CreditFlow.Domain.Classes;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Reviews;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>One score a customer was given, and by what.</summary>
/// <param name="Source">What scored it, in words: "onboarding (trial)", "review 3 (scheduled)".</param>
/// <param name="Score">Null when a review's data did not allow a score (the class was kept).</param>
/// <param name="Model">The scorecard model and version, when known.</param>
/// <param name="PolicyVersion">The credit policy version whose class bands classed it, when recorded.</param>
public sealed record ScorePoint(DateTimeOffset At, string Source, decimal? Score, CreditClass? Class, string? Model, int? PolicyVersion);

/// <summary>
/// A customer's scores over time, oldest first: onboarding's scorings (from the decisions they logged, whose snapshot keeps
/// score and class) and every re-review.
/// </summary>
internal static class ScoreHistory
{
    // RecordAssessment logs "{applicationId}-scored-{phase}".
    private const string Scored = "-scored-";

    public static IReadOnlyList<ScorePoint> Of(IReadOnlyList<CreditDecision> decisions, IReadOnlyList<ReviewRecord> reviews)
    {
        var points = decisions.Select(FromScoring).OfType<ScorePoint>().ToList();
        points.AddRange(reviews.Select(r => new ScorePoint(
            r.ReviewedAt, $"review {r.Cycle.ToString(CultureInfo.InvariantCulture)} ({r.Reason})", r.Score, r.FoundClass, r.ModelVersion, r.PolicyVersion)));
        return points.OrderBy(p => p.At).ToList();
    }

    private static ScorePoint? FromScoring(CreditDecision decision)
    {
        var at = decision.Id.LastIndexOf(Scored, StringComparison.Ordinal);
        if (at < 0 || !TryScore(decision.DataSnapshotJson, out var score, out var creditClass, out var policyVersion))
        {
            return null;
        }

        var phase = decision.Id[(at + Scored.Length)..];
        return new ScorePoint(decision.DecidedAt, $"onboarding ({phase})", score, creditClass, decision.ModelVersion, policyVersion);
    }

    /// <summary>
    /// Reads <c>score.value</c>, <c>score.class</c> and <c>score.policyVersion</c> from a scoring's snapshot; false when it
    /// has no score (an older or foreign record).
    /// </summary>
    private static bool TryScore(string snapshot, out decimal? score, out CreditClass? creditClass, out int? policyVersion)
    {
        (score, creditClass, policyVersion) = (null, null, null);
        try
        {
            using var document = JsonDocument.Parse(snapshot);
            if (!document.RootElement.TryGetProperty("score", out var scoring) || scoring.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (scoring.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number)
            {
                score = value.GetDecimal();
            }

            if (scoring.TryGetProperty("class", out var named) && named.ValueKind == JsonValueKind.String && Enum.TryParse<CreditClass>(named.GetString(), out var parsed))
            {
                creditClass = parsed;
            }

            if (scoring.TryGetProperty("policyVersion", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number))
            {
                policyVersion = number;
            }

            return score is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
