using CreditFlow.Domain.Scoring;

namespace CreditFlow.Domain.Tests.Scoring;

public sealed class ShippedModelsTests
{
    public static TheoryData<string> Models => new() { "multi-dimension", "5c" };

    internal static ScorecardModel Model(string id) => id == "5c" ? ScorecardModel.FiveC : ScorecardModel.MultiDimension;

    [Fact]
    public void MultiDimension_Loads_WithTheArticlesWeights()
    {
        var model = ScorecardModel.MultiDimension;

        Assert.Equal(
            [("financial", 40m), ("operating", 30m), ("industry", 20m), ("payment record", 10m)],
            model.Dimensions.Select(d => (d.Name, d.Weight)));
        Assert.Equal(
            ["current ratio", "debt-to-asset ratio", "gross margin", "net margin", "receivable turnover", "cash-flow quality"],
            model.Dimensions[0].Factors.Select(f => f.Name));
        Assert.Equal(["market share", "years of cooperation", "management stability", "core technology"], model.Dimensions[1].Factors.Select(f => f.Name));
        Assert.Equal(["cycle phase", "competition", "policy sensitivity"], model.Dimensions[2].Factors.Select(f => f.Name));
        Assert.Equal(["days late", "disputes", "broken promises"], model.Dimensions[3].Factors.Select(f => f.Name));
    }

    [Fact]
    public void FiveC_Loads_WithTheFiveCs()
    {
        var model = ScorecardModel.FiveC;

        Assert.Equal("5c", model.Id);
        Assert.Equal(["character", "capacity", "capital", "collateral", "conditions"], model.Dimensions.Select(d => d.Name));
        Assert.Equal(100m, model.Dimensions.Sum(d => d.Weight));
    }

    [Fact]
    public void FiveC_Score_SampleCompany_MatchesHandCalculation()
    {
        // Character (30): integrity 4 → 80×.5 = 40; 10 days late → 80×.3 = 24; no broken promise → 100×.2 = 20 → 84 → ×.30 = 25.2
        // Capacity (25): current ratio 1.35 → 60×.4 = 24; cash-flow 0.9 → 70×.3 = 21; turnover 7 → 80×.3 = 24 → 69 → ×.25 = 17.25
        // Capital (20): debt 72 % → 82×.6 = 49.2; net margin 5 → 70×.4 = 28 → 77.2 → ×.20 = 15.44
        // Collateral (10): 30 % covered → 40 → ×.10 = 4
        // Conditions (15): cycle 3 → 60×.5 = 30; policy 4 → 80×.5 = 40 → 70 → ×.15 = 10.5
        // Total 25.2 + 17.25 + 15.44 + 4 + 10.5 = 72.39
        var inputs = MultiDimensionModelTests.SampleCompany();
        inputs["integrity"] = 4m;
        inputs["collateralCoverage"] = 30m;

        var result = ScorecardModel.FiveC.Score(inputs);

        Assert.Equal("5c", result.ModelId);
        Assert.Equal(72.39m, result.Score);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Score_EveryBandLowerBound_ScoresThatBandAndJustBelowScoresThePreviousOne(string id)
    {
        var model = Model(id);
        foreach (var factor in model.Dimensions.SelectMany(d => d.Factors).Where(f => f.Rule is BandedRule))
        {
            var bands = ((BandedRule)factor.Rule).Bands;
            for (var i = 1; i < bands.Count; i++)
            {
                var at = bands[i].From!.Value;

                var onBound = factor.Rule.Apply(at, out _);
                var below = factor.Rule.Apply(at - 0.0001m, out _);

                Assert.Equal(bands[i].Points, onBound);
                Assert.Equal(bands[i - 1].Points, below);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Score_AllInputsMissing_ListsExactlyTheRequiredFactors(string id)
    {
        var model = Model(id);
        var required = model.Dimensions.SelectMany(d => d.Factors).Where(f => f.MissingData == MissingDataPolicy.Required).Select(f => f.Input);

        var result = model.Score(new Dictionary<string, decimal>());

        Assert.Null(result.Score);
        Assert.Equal(required, result.Missing.Select(m => m.Input));
    }
}
