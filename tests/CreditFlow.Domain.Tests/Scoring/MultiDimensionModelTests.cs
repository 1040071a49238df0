using CreditFlow.Domain.Scoring;

namespace CreditFlow.Domain.Tests.Scoring;

public sealed class MultiDimensionModelTests
{
    // A mid-sized electronics distributor, as a credit officer would enter it.
    internal static Dictionary<string, decimal> SampleCompany() => new()
    {
        ["currentRatio"] = 1.35m,
        ["debtToAssetRatio"] = 72m,
        ["grossMargin"] = 24m,
        ["netMargin"] = 5m,
        ["receivableTurnover"] = 7m,
        ["cashFlowQuality"] = 0.9m,
        ["marketShare"] = 8m,
        ["yearsOfCooperation"] = 4m,
        ["managementStability"] = 4m,
        ["coreTechnology"] = 3m,
        ["industryCycle"] = 3m,
        ["competition"] = 2m,
        ["policySensitivity"] = 4m,
        ["averageDaysLate"] = 10m,
        ["disputes"] = 1m,
        ["brokenPromises"] = 0m,
    };

    [Fact]
    public void Score_SampleCompany_MatchesHandCalculation()
    {
        // Financial (40): current ratio 1.35 → [1.2,1.5) 60; debt 72 % is 12 above 60 → 1.2 steps × 15 = 18 → 82;
        //   gross 24 → 75; net 5 → 70; turnover 7 → 80; cash-flow 0.9 → 70.
        //   60×.20 + 82×.20 + 75×.15 + 70×.15 + 80×.15 + 70×.15 = 12 + 16.4 + 11.25 + 10.5 + 12 + 10.5 = 72.65 → ×.40 = 29.06
        // Operating (30): share 8 → 75; 4 years → 100; management 4 → 80; technology 3 → 60 → 78.75 → ×.30 = 23.625
        // Industry (20): cycle 3 → 60×.4 = 24; competition 2 → 40×.3 = 12; policy 4 → 80×.3 = 24 → 60 → ×.20 = 12
        // Payment (10): 10 days late → 80×.5 = 40; 1 dispute → 70×.25 = 17.5; no broken promise → 100×.25 = 25 → 82.5 → ×.10 = 8.25
        // Total 29.06 + 23.625 + 12 + 8.25 = 72.935 → 72.94
        var model = ScorecardModel.MultiDimension;

        var result = model.Score(SampleCompany());

        Assert.True(result.IsComplete);
        Assert.Equal(72.94m, result.Score);
        Assert.Equal(("financial", 72.65m, 29.06m), result.Dimensions[0]);
        Assert.Equal(("operating", 78.75m, 23.625m), result.Dimensions[1]);
        Assert.Equal(("industry", 60m, 12m), result.Dimensions[2]);
        Assert.Equal(("payment record", 82.5m, 8.25m), result.Dimensions[3]);
    }

    [Fact]
    public void Score_SampleCompany_ExplainsEveryFactorAndRecordsModel()
    {
        var result = ScorecardModel.MultiDimension.Score(SampleCompany());

        Assert.Equal("multi-dimension", result.ModelId);
        Assert.Equal("1", result.ModelVersion);
        Assert.Equal(16, result.Factors.Count);
        var debt = Assert.Single(result.Factors, f => f.Input == "debtToAssetRatio");
        Assert.Equal(72m, debt.Value);
        Assert.Equal(82m, debt.Points);
        Assert.Equal(20m, debt.FactorWeight);
        Assert.Equal(40m, debt.DimensionWeight);
        Assert.Equal(8m, debt.EffectiveWeight);
        Assert.Equal(6.56m, debt.Contribution);
        Assert.Contains("12 above the warning line 60", debt.Rule, StringComparison.Ordinal);
        var current = Assert.Single(result.Factors, f => f.Input == "currentRatio");
        Assert.Equal("band [1.2, 1.5) scores 60", current.Rule);
    }

    [Fact]
    public void Score_NewCustomerWithoutPaymentHistory_UsesNeutralPointsAndZeroForCooperation()
    {
        var inputs = SampleCompany();
        inputs.Remove("averageDaysLate");
        inputs.Remove("disputes");
        inputs.Remove("brokenPromises");
        inputs.Remove("yearsOfCooperation");

        var result = ScorecardModel.MultiDimension.Score(inputs);

        // Payment record falls from 82.5 to neutral 60 (−2.25 total); cooperation from 100 to 0 (−7.5 total):
        // 72.935 − 2.25 − 7.5 = 63.185 → 63.19 (half away from zero).
        Assert.Equal(63.19m, result.Score);
        var years = Assert.Single(result.Factors, f => f.Input == "yearsOfCooperation");
        Assert.Null(years.Value);
        Assert.Equal(0m, years.Points);
        Assert.Equal("input missing: 0 points", years.Rule);
    }

    [Fact]
    public void Score_RequiredFinancialsMissing_ListsThemInsteadOfScore()
    {
        var inputs = SampleCompany();
        inputs.Remove("debtToAssetRatio");
        inputs.Remove("currentRatio");

        var result = ScorecardModel.MultiDimension.Score(inputs);

        Assert.False(result.IsComplete);
        Assert.Null(result.Score);
        Assert.Equal(["currentRatio", "debtToAssetRatio"], result.Missing.Select(m => m.Input));
        Assert.All(result.Missing, m => Assert.Equal("input missing and required", m.Reason));
    }

    [Theory]
    [InlineData(0.99, 20)]
    [InlineData(1.0, 40)]
    [InlineData(1.19, 40)]
    [InlineData(1.2, 60)]
    [InlineData(1.4999, 60)]
    [InlineData(1.5, 80)]
    [InlineData(1.99, 80)]
    [InlineData(2.0, 100)]
    [InlineData(9.0, 100)]
    public void Score_CurrentRatioBandBoundaries_ScoreTheBandStartingThere(decimal currentRatio, decimal points)
    {
        var inputs = SampleCompany();
        inputs["currentRatio"] = currentRatio;

        var result = ScorecardModel.MultiDimension.Score(inputs);

        Assert.Equal(points, result.Factors.Single(f => f.Input == "currentRatio").Points);
    }

    [Theory]
    [InlineData(40, 100)]
    [InlineData(60, 100)]
    [InlineData(70, 85)]
    [InlineData(80, 70)]
    [InlineData(100, 40)]
    [InlineData(126, 1)]
    [InlineData(140, 0)]
    public void Score_DebtToAssetRatio_Loses15PointsPer10AboveSixty(decimal ratio, decimal points)
    {
        var inputs = SampleCompany();
        inputs["debtToAssetRatio"] = ratio;

        var result = ScorecardModel.MultiDimension.Score(inputs);

        Assert.Equal(points, result.Factors.Single(f => f.Input == "debtToAssetRatio").Points);
    }

    [Fact]
    public void Score_ThreeYearsOfCooperation_RaisesTheRating()
    {
        var inputs = SampleCompany();
        inputs["yearsOfCooperation"] = 2.9m;
        var before = ScorecardModel.MultiDimension.Score(inputs).Score;
        inputs["yearsOfCooperation"] = 3m;

        var after = ScorecardModel.MultiDimension.Score(inputs).Score;

        // 60 → 100 points at 25 % of the 30 % dimension: +3 on the total.
        Assert.Equal(before + 3m, after);
    }
}
