namespace CreditFlow.Domain.Scoring;

/// <summary>How one factor contributed to a score: the documented reasoning behind a credit decision.</summary>
/// <param name="Dimension">The factor's dimension.</param>
/// <param name="Factor">The factor's name.</param>
/// <param name="Input">The input it read.</param>
/// <param name="Value">The input value, or null when it was missing.</param>
/// <param name="Rule">The rule as applied, in words (band hit, penalty arithmetic, missing-data policy).</param>
/// <param name="Points">Points on the 0–100 scale after floor and ceiling.</param>
/// <param name="FactorWeight">Share of its dimension in percent.</param>
/// <param name="DimensionWeight">The dimension's share of the total in percent.</param>
/// <param name="Contribution">Points × dimension weight × factor weight / 10,000: what it adds to the total.</param>
public sealed record FactorExplanation(
    string Dimension,
    string Factor,
    string Input,
    decimal? Value,
    string Rule,
    decimal Points,
    decimal FactorWeight,
    decimal DimensionWeight,
    decimal Contribution)
{
    /// <summary>The factor's share of the whole score in percent (dimension weight × factor weight / 100).</summary>
    public decimal EffectiveWeight => DimensionWeight * FactorWeight / 100m;
}
