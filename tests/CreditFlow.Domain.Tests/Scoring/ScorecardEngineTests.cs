using CreditFlow.Domain.Scoring;

namespace CreditFlow.Domain.Tests.Scoring;

public sealed class ScorecardEngineTests
{
    private static readonly BandedRule Quality = new([new ScoreBand(null, 1m, 0m), new ScoreBand(1m, 2m, 50m), new ScoreBand(2m, 3m, 100m)]);

    private static ScorecardModel TwoDimensions(MissingDataPolicy policy, decimal? neutral = null) => new(
        "test",
        "7",
        [new ScorecardInput("a", "rating", ""), new ScorecardInput("b", "rating", "")],
        [
            new ScorecardDimension("first", 70m, [new ScorecardFactor("a", "a", 100m, Quality, MissingDataPolicy.Required)]),
            new ScorecardDimension("second", 30m, [new ScorecardFactor("b", "b", 100m, Quality, policy, neutral)]),
        ]);

    [Fact]
    public void Score_WeightsApplied_ContributionIsPointsTimesBothWeights()
    {
        var model = TwoDimensions(MissingDataPolicy.Required);

        var result = model.Score(new Dictionary<string, decimal> { ["a"] = 2.5m, ["b"] = 1.5m });

        // 100 × 70 % + 50 × 30 % = 85
        Assert.Equal(85m, result.Score);
        Assert.Equal([70m, 15m], result.Factors.Select(f => f.Contribution));
        Assert.Equal(("test", "7"), (result.ModelId, result.ModelVersion));
    }

    [Fact]
    public void Score_MissingWithNeutralPolicy_ScoresNeutralPoints()
    {
        var result = TwoDimensions(MissingDataPolicy.Neutral, 40m).Score(new Dictionary<string, decimal> { ["a"] = 2.5m });

        Assert.Equal(70m + 12m, result.Score);
        Assert.Equal("input missing: neutral 40 points", result.Factors[1].Rule);
    }

    [Fact]
    public void Score_MissingWithZeroPolicy_ScoresZero()
    {
        var result = TwoDimensions(MissingDataPolicy.Zero).Score(new Dictionary<string, decimal> { ["a"] = 2.5m });

        Assert.Equal(70m, result.Score);
    }

    [Fact]
    public void Score_MissingWithRequiredPolicy_GivesNoScoreAndNamesTheInput()
    {
        var result = TwoDimensions(MissingDataPolicy.Required).Score(new Dictionary<string, decimal> { ["a"] = 2.5m });

        Assert.Null(result.Score);
        Assert.False(result.IsComplete);
        Assert.Equal(new UnscoredFactor("second", "b", "b", "input missing and required"), Assert.Single(result.Missing));
    }

    [Fact]
    public void Score_ValueAboveClosedLastBand_IsUnscoredNotGuessed()
    {
        var result = TwoDimensions(MissingDataPolicy.Zero).Score(new Dictionary<string, decimal> { ["a"] = 3m, ["b"] = 1m });

        Assert.Null(result.Score);
        Assert.StartsWith("3 lies outside every band", Assert.Single(result.Missing).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_UndeclaredExtraInputs_AreIgnored()
    {
        var result = TwoDimensions(MissingDataPolicy.Zero).Score(new Dictionary<string, decimal> { ["a"] = 2m, ["b"] = 2m, ["other"] = 1m });

        Assert.Equal(100m, result.Score);
    }

    [Fact]
    public void Ctor_FactorReadsUndeclaredInput_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScorecardModel(
            "m",
            "1",
            [new ScorecardInput("a", "x", "")],
            [new ScorecardDimension("d", 100m, [new ScorecardFactor("f", "zz", 100m, Quality, MissingDataPolicy.Zero)])]));

        Assert.Contains("$.dimensions[0].factors[0].input: 'zz' is not a declared input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_DimensionFactorWeightsNot100_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScorecardDimension("d", 100m, [new ScorecardFactor("f", "a", 90m, Quality, MissingDataPolicy.Zero)]));

        Assert.Contains("dimension.factors: weights sum to 90, must be 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_BandsWithGap_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new BandedRule([new ScoreBand(null, 1m, 0m), new ScoreBand(2m, null, 100m)]));

        Assert.Contains("bands[1]: leaves a gap after bands[0]: no band scores values from 1 up to 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MissingDataPolicy.Neutral, null, "factor.neutralPoints: is required when missingData is neutral")]
    [InlineData(MissingDataPolicy.Zero, 50, "factor.neutralPoints: is only used when missingData is neutral, but missingData is zero")]
    [InlineData(MissingDataPolicy.Neutral, 120, "factor.neutralPoints: 120 is outside floor..ceiling 0..100")]
    public void Ctor_NeutralPointsInconsistent_Throws(MissingDataPolicy policy, int? neutral, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new ScorecardFactor("f", "a", 100m, Quality, policy, neutral));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
