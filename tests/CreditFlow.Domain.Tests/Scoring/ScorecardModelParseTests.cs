using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Scoring;

namespace CreditFlow.Domain.Tests.Scoring;

public sealed class ScorecardModelParseTests
{
    private const string Valid = """
        {
          "id": "mini", "version": "3",
          "inputs": [ { "name": "currentRatio", "unit": "ratio" }, { "name": "debt", "unit": "percent" } ],
          "dimensions": [
            { "name": "financial", "weight": 60, "factors": [
              { "name": "current ratio", "input": "currentRatio", "weight": 50, "missingData": "required",
                "bands": [ { "to": 1, "points": 20 }, { "from": 1, "to": 2, "points": 60 }, { "from": 2, "points": 100 } ] },
              { "name": "debt", "input": "debt", "weight": 50, "missingData": "neutral", "neutralPoints": 50,
                "penalty": { "startPoints": 100, "warningLine": 60, "step": 10, "pointsPerStep": 15, "direction": "above", "counting": "wholeSteps" } } ] },
            { "name": "payment", "weight": 40, "factors": [
              { "name": "ratio again", "input": "currentRatio", "weight": 100, "missingData": "zero",
                "bands": [ { "points": 70 } ] } ] }
          ]
        }
        """;

    private static InvalidConfigurationException ParseFails(string json) => Assert.Throws<InvalidConfigurationException>(() => ScorecardModel.Parse(json));

    private static string Problems(InvalidConfigurationException error) => string.Join("\n", error.Problems);

    [Fact]
    public void Parse_ValidModel_BuildsEveryPart()
    {
        var model = ScorecardModel.Parse(Valid);

        Assert.Equal(("mini", "3"), (model.Id, model.Version));
        var debt = model.Dimensions[0].Factors[1];
        var penalty = Assert.IsType<PenaltyRule>(debt.Rule);
        Assert.Equal(PenaltyCounting.WholeSteps, penalty.Counting);
        Assert.Equal(MissingDataPolicy.Neutral, debt.MissingData);
        Assert.Equal(50m, debt.NeutralPoints);
        Assert.Equal(3, ((BandedRule)model.Dimensions[0].Factors[0].Rule).Bands.Count);
    }

    [Fact]
    public void Parse_DimensionWeightsSumTo90_NamesPathAndSum()
    {
        var error = ParseFails(Valid.Replace("\"weight\": 40", "\"weight\": 30", StringComparison.Ordinal));

        Assert.Equal("$.dimensions: weights sum to 90, must be 100", Problems(error));
        Assert.Equal("scorecard model 'mini'", error.Configuration);
    }

    [Fact]
    public void Parse_FactorWeightsSumTo95_NamesTheDimensionsFactors()
    {
        var error = ParseFails(Valid.Replace("\"input\": \"debt\", \"weight\": 50", "\"input\": \"debt\", \"weight\": 45", StringComparison.Ordinal));

        Assert.Equal("$.dimensions[0].factors: weights sum to 95, must be 100", Problems(error));
    }

    [Fact]
    public void Parse_OverlappingBands_NamesTheBand()
    {
        var error = ParseFails(Valid.Replace("{ \"from\": 1, \"to\": 2, \"points\": 60 }", "{ \"from\": 0.8, \"to\": 2, \"points\": 60 }", StringComparison.Ordinal));

        Assert.Equal("$.dimensions[0].factors[0].bands[1]: overlaps $.dimensions[0].factors[0].bands[0]: [0.8, 2) starts before below 1 ends", Problems(error));
    }

    [Fact]
    public void Parse_TwoOpenEndedLastBands_Overlap()
    {
        var error = ParseFails(Valid.Replace("{ \"from\": 1, \"to\": 2, \"points\": 60 }", "{ \"from\": 1, \"points\": 60 }", StringComparison.Ordinal));

        Assert.Equal("$.dimensions[0].factors[0].bands[2]: overlaps $.dimensions[0].factors[0].bands[1], which is open upwards from 1", Problems(error));
    }

    [Fact]
    public void Parse_GappedBands_NamesTheGap()
    {
        var error = ParseFails(Valid.Replace("{ \"from\": 2, \"points\": 100 }", "{ \"from\": 2.5, \"points\": 100 }", StringComparison.Ordinal));

        Assert.Equal("$.dimensions[0].factors[0].bands[2]: leaves a gap after $.dimensions[0].factors[0].bands[1]: no band scores values from 2 up to 2.5", Problems(error));
    }

    [Fact]
    public void Parse_UnknownInput_IsRejected()
    {
        var error = ParseFails(Valid.Replace("\"input\": \"debt\"", "\"input\": \"debtRatio\"", StringComparison.Ordinal));

        Assert.Equal("$.dimensions[0].factors[1].input: 'debtRatio' is not a declared input", Problems(error));
    }

    [Fact]
    public void Parse_SeveralProblems_ListsAllOfThem()
    {
        var json = Valid
            .Replace("\"weight\": 40", "\"weight\": 30", StringComparison.Ordinal)
            .Replace("\"input\": \"debt\"", "\"input\": \"debtRatio\"", StringComparison.Ordinal)
            .Replace("\"missingData\": \"zero\"", "\"missingData\": \"ignore\"", StringComparison.Ordinal)
            .Replace("\"pointsPerStep\": 15", "\"pointsPerStep\": \"15\"", StringComparison.Ordinal)
            .Replace("\"version\": \"3\"", "\"version\": \"\"", StringComparison.Ordinal);

        var error = ParseFails(json);

        Assert.Equal(
            [
                "$.version: must be a non-empty string, was \"\"",
                "$.dimensions[0].factors[1].penalty.pointsPerStep: must be a number, was \"15\"",
                "$.dimensions[1].factors[0].missingData: 'ignore' is not one of Neutral, Zero, Required",
                "$.dimensions: weights sum to 90, must be 100",
                "$.dimensions[0].factors[1].input: 'debtRatio' is not a declared input",
            ],
            error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Parse_FactorWithBothBandsAndPenalty_IsRejected()
    {
        var error = ParseFails(Valid.Replace("\"missingData\": \"zero\",", "\"missingData\": \"zero\", \"penalty\": {},", StringComparison.Ordinal));

        Assert.Equal("$.dimensions[1].factors[0]: needs exactly one of 'bands' or 'penalty'", Problems(error));
    }

    [Fact]
    public void Parse_BandPointsOver100AndReversedBounds_AreRejected()
    {
        var error = ParseFails(Valid.Replace("{ \"from\": 1, \"to\": 2, \"points\": 60 }", "{ \"from\": 2, \"to\": 1, \"points\": 160 }", StringComparison.Ordinal));

        Assert.Equal(
            [
                "$.dimensions[0].factors[0].bands[1].to: 1 must be above from 2",
                "$.dimensions[0].factors[0].bands[1].points: 160 is outside 0..100",
            ],
            error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Parse_DuplicateInputAndMissingId_AreRejected()
    {
        var json = Valid
            .Replace("{ \"name\": \"debt\", \"unit\": \"percent\" }", "{ \"name\": \"currentRatio\", \"unit\": \"percent\" }", StringComparison.Ordinal)
            .Replace("\"id\": \"mini\",", string.Empty, StringComparison.Ordinal);

        var error = ParseFails(json);

        Assert.Contains("$.id: is required", error.Problems.Select(p => p.ToString()));
        Assert.Contains("$.inputs[1].name: 'currentRatio' is declared more than once", error.Problems.Select(p => p.ToString()));
        Assert.Contains("$.dimensions[0].factors[1].input: 'debt' is not a declared input", error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Parse_NotJson_ReportsPosition()
    {
        var error = ParseFails("{ \"id\": ");

        Assert.StartsWith("$ (line 1, position", Assert.Single(error.Problems).Path, StringComparison.Ordinal);
    }
}
