using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Scoring;

namespace CreditFlow.Domain.Tests.Classes;

public sealed class CreditClassBandsTests
{
    [Theory]
    [InlineData(100, CreditClass.A)]
    [InlineData(80, CreditClass.A)]
    [InlineData(79.99, CreditClass.B)]
    [InlineData(65, CreditClass.B)]
    [InlineData(64.99, CreditClass.C)]
    [InlineData(50, CreditClass.C)]
    [InlineData(49.99, CreditClass.D)]
    [InlineData(0, CreditClass.D)]
    public void Classify_DefaultBandBoundaries_GiveTheClassStartingThere(decimal score, CreditClass expected)
    {
        var bands = CreditClassBands.Default;

        var assignment = bands.Classify(score, blacklisted: false);

        Assert.Equal(expected, assignment.Class);
        Assert.False(assignment.Blacklisted);
    }

    [Fact]
    public void Classify_BlacklistedPrimeScore_IsForcedToD()
    {
        var assignment = CreditClassBands.Default.Classify(95m, blacklisted: true);

        Assert.Equal(CreditClass.D, assignment.Class);
        Assert.True(assignment.Blacklisted);
        Assert.False(assignment.AllowsCredit);
        Assert.Equal("blacklisted: class D whatever the score", assignment.Reason);
    }

    [Theory]
    [InlineData(CreditClass.A, true)]
    [InlineData(CreditClass.B, true)]
    [InlineData(CreditClass.C, true)]
    [InlineData(CreditClass.D, false)]
    public void AllowsCredit_EachClass_OnlyDHasNoCredit(CreditClass creditClass, bool expected)
    {
        Assert.Equal(expected, creditClass.AllowsCredit());
    }

    [Fact]
    public void Classify_SampleCompanyScore_IsB()
    {
        var result = ScorecardModel.MultiDimension.Score(Scoring.MultiDimensionModelTests.SampleCompany());

        var assignment = CreditClassBands.Default.Classify(result, blacklisted: false);

        Assert.Equal(CreditClass.B, assignment.Class);
        Assert.Equal("score 72.94 in [65, 80)", assignment.Reason);
    }

    [Fact]
    public void Classify_IncompleteScore_Throws()
    {
        var result = ScorecardModel.MultiDimension.Score(new Dictionary<string, decimal>());

        var error = Assert.Throws<ArgumentException>(() => CreditClassBands.Default.Classify(result, blacklisted: false));

        Assert.Contains("missing: currentRatio, debtToAssetRatio, grossMargin, netMargin", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(100.01)]
    public void Classify_ScoreOutsideRange_Throws(decimal score)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CreditClassBands.Default.Classify(score, blacklisted: false));
    }

    [Fact]
    public void Parse_CustomBands_MovesTheCutOffs()
    {
        var bands = CreditClassBands.Parse("""{ "minimumScores": { "A": 90, "B": 70, "C": 40 } }""");

        Assert.Equal(CreditClass.B, bands.Classify(89.99m, false).Class);
        Assert.Equal(CreditClass.C, bands.Classify(40m, false).Class);
    }

    [Fact]
    public void Parse_NotDescending_NamesTheProblem()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => CreditClassBands.Parse("""{ "minimumScores": { "A": 60, "B": 65, "C": 50 } }"""));

        Assert.Equal("$.minimumScores: minimums must descend A > B > C, were A 60, B 65, C 50", Assert.Single(error.Problems).ToString());
    }

    [Fact]
    public void Parse_MissingAndOutOfRange_ListsAll()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => CreditClassBands.Parse("""{ "minimumScores": { "A": 120, "C": "50" } }"""));

        Assert.Equal(["$.minimumScores.B: is required", "$.minimumScores.C: must be a number, was \"50\""], error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Ctor_ZeroMinimum_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new CreditClassBands(80m, 65m, 0m));

        Assert.StartsWith("$.minimumScores.C: 0 must be above 0 and at most 100", error.Message, StringComparison.Ordinal);
    }
}
