namespace CreditFlow.Domain.Scoring;

/// <summary>The outcome of scoring one customer with one model version.</summary>
/// <remarks>
/// Either complete (a <see cref="Score"/> and one explanation per factor) or incomplete
/// (no score, <see cref="Missing"/> lists what is needed). Never a score built on silent gaps.
/// </remarks>
/// <param name="ModelId">The model's id, recorded so the decision can be traced.</param>
/// <param name="ModelVersion">The model's version.</param>
/// <param name="Score">0–100, rounded to 2 decimals; null when incomplete.</param>
/// <param name="Factors">Explanations of the factors that could be scored.</param>
/// <param name="Missing">Factors that could not be scored; empty when complete.</param>
public sealed record ScoreResult(string ModelId, string ModelVersion, decimal? Score, IReadOnlyList<FactorExplanation> Factors, IReadOnlyList<UnscoredFactor> Missing)
{
    /// <summary>True when every factor was scored and <see cref="Score"/> has a value.</summary>
    public bool IsComplete => Missing.Count == 0 && Score is not null;

    /// <summary>Each dimension's points (0–100, weighted by its factors) and its contribution to the total.</summary>
    public IReadOnlyList<(string Dimension, decimal Points, decimal Contribution)> Dimensions =>
        Factors.GroupBy(f => f.Dimension)
            .Select(g => (g.Key, g.Sum(f => f.Points * f.FactorWeight / 100m), g.Sum(f => f.Contribution)))
            .ToArray();
}
