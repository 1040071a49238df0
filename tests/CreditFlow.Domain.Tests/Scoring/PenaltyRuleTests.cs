using CreditFlow.Domain.Scoring;

namespace CreditFlow.Domain.Tests.Scoring;

public sealed class PenaltyRuleTests
{
    [Theory]
    [InlineData(PenaltyCounting.Proportional, 60, 100)]
    [InlineData(PenaltyCounting.Proportional, 65, 92.5)]
    [InlineData(PenaltyCounting.Proportional, 70, 85)]
    [InlineData(PenaltyCounting.WholeSteps, 69.99, 100)]
    [InlineData(PenaltyCounting.WholeSteps, 70, 85)]
    [InlineData(PenaltyCounting.WholeSteps, 85, 70)]
    [InlineData(PenaltyCounting.StartedSteps, 60, 100)]
    [InlineData(PenaltyCounting.StartedSteps, 60.01, 85)]
    [InlineData(PenaltyCounting.StartedSteps, 70, 85)]
    [InlineData(PenaltyCounting.StartedSteps, 70.01, 70)]
    public void Apply_AboveWarningLine_DeductsPerStepByCounting(PenaltyCounting counting, decimal value, decimal expected)
    {
        var rule = new PenaltyRule(100m, 60m, 10m, 15m, PenaltyDirection.Above, counting);

        var points = rule.Apply(value, out _);

        Assert.Equal(expected, points);
    }

    [Theory]
    [InlineData(1.5, 80)]
    [InlineData(2.0, 80)]
    [InlineData(1.0, 55)]
    [InlineData(0.5, 30)]
    public void Apply_BelowDirection_PenalisesValuesUnderTheLine(decimal value, decimal expected)
    {
        // Current ratio: start 80, every 0.1 under 1.5 costs 5 points.
        var rule = new PenaltyRule(80m, 1.5m, 0.1m, 5m, PenaltyDirection.Below, PenaltyCounting.Proportional);

        Assert.Equal(expected, rule.Apply(value, out _));
    }

    [Fact]
    public void Apply_FarPastTheLine_DoesNotOverflow()
    {
        var rule = new PenaltyRule(100m, 60m, 0.001m, 15m, PenaltyDirection.Above, PenaltyCounting.Proportional);

        var points = rule.Apply(1_000_000_000m, out _);

        Assert.True(points < 0m);
    }

    [Fact]
    public void Evaluate_PenaltyBelowFloor_IsBoundedAndSaysSo()
    {
        var factor = new ScorecardFactor("debt", "debt", 100m, new PenaltyRule(100m, 60m, 10m, 15m, PenaltyDirection.Above, PenaltyCounting.Proportional), MissingDataPolicy.Required, floor: 10m, ceiling: 90m);

        var (low, lowRule) = factor.Evaluate(200m);
        var (high, _) = factor.Evaluate(0m);

        Assert.Equal(10m, low);
        Assert.EndsWith("bounded to 10 by floor 10 / ceiling 90", lowRule, StringComparison.Ordinal);
        Assert.Equal(90m, high);
    }

    [Theory]
    [InlineData(101, 10, 15, "penalty.startPoints: 101 is outside 0..100")]
    [InlineData(100, 0, 15, "penalty.step: 0 must be above 0")]
    [InlineData(100, 10, -1, "penalty.pointsPerStep: -1 must not be negative")]
    public void Ctor_InvalidValues_Throws(decimal start, decimal step, decimal perStep, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new PenaltyRule(start, 60m, step, perStep, PenaltyDirection.Above, PenaltyCounting.Proportional));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
