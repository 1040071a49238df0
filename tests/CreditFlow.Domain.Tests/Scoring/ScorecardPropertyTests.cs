using CreditFlow.Domain.Scoring;

namespace CreditFlow.Domain.Tests.Scoring;

/// <summary>Invariants checked over many deterministic pseudo-random customers.</summary>
public sealed class ScorecardPropertyTests
{
    private const int Cases = 2_000;

    [Theory]
    [MemberData(nameof(ShippedModelsTests.Models), MemberType = typeof(ShippedModelsTests))]
    public void Score_RandomCustomers_StaysWithinZeroToHundred(string id)
    {
        var model = ShippedModelsTests.Model(id);
        var random = new Random(20240601);
        for (var i = 0; i < Cases; i++)
        {
            var inputs = RandomInputs(model, random, includeRequired: true);

            var result = model.Score(inputs);

            Assert.True(result.IsComplete);
            Assert.InRange(result.Score!.Value, 0m, 100m);
            Assert.Equal(result.Score.Value, Math.Round(result.Factors.Sum(f => f.Contribution), 2, MidpointRounding.AwayFromZero));
        }
    }

    [Theory]
    [MemberData(nameof(ShippedModelsTests.Models), MemberType = typeof(ShippedModelsTests))]
    public void Score_HigherDebtRatio_NeverRaisesTheScore(string id)
    {
        var model = ShippedModelsTests.Model(id);
        var random = new Random(7);
        for (var i = 0; i < Cases; i++)
        {
            var inputs = RandomInputs(model, random, includeRequired: true);
            var lower = (decimal)Math.Round(random.NextDouble() * 150, 2);
            var higher = lower + (decimal)Math.Round(random.NextDouble() * 50, 2);

            inputs["debtToAssetRatio"] = lower;
            var atLower = model.Score(inputs).Score!.Value;
            inputs["debtToAssetRatio"] = higher;
            var atHigher = model.Score(inputs).Score!.Value;

            Assert.True(atHigher <= atLower, $"debt {higher} scored {atHigher}, above {atLower} at debt {lower}");
        }
    }

    [Theory]
    [MemberData(nameof(ShippedModelsTests.Models), MemberType = typeof(ShippedModelsTests))]
    public void Score_MoreDaysLate_NeverRaisesTheScore(string id)
    {
        var model = ShippedModelsTests.Model(id);
        var random = new Random(11);
        for (var i = 0; i < Cases; i++)
        {
            var inputs = RandomInputs(model, random, includeRequired: true);
            var fewer = random.Next(0, 120);
            var more = fewer + random.Next(0, 60);

            inputs["averageDaysLate"] = fewer;
            var atFewer = model.Score(inputs).Score!.Value;
            inputs["averageDaysLate"] = more;
            var atMore = model.Score(inputs).Score!.Value;

            Assert.True(atMore <= atFewer);
        }
    }

    [Theory]
    [MemberData(nameof(ShippedModelsTests.Models), MemberType = typeof(ShippedModelsTests))]
    public void Score_OptionalInputsDropped_StillScoresWithinRange(string id)
    {
        var model = ShippedModelsTests.Model(id);
        var random = new Random(3);
        for (var i = 0; i < Cases; i++)
        {
            var inputs = RandomInputs(model, random, includeRequired: true);
            foreach (var optional in model.Dimensions.SelectMany(d => d.Factors).Where(f => f.MissingData != MissingDataPolicy.Required))
            {
                if (random.Next(2) == 0)
                {
                    inputs.Remove(optional.Input);
                }
            }

            var result = model.Score(inputs);

            Assert.True(result.IsComplete);
            Assert.InRange(result.Score!.Value, 0m, 100m);
        }
    }

    private static Dictionary<string, decimal> RandomInputs(ScorecardModel model, Random random, bool includeRequired)
    {
        var inputs = new Dictionary<string, decimal>();
        foreach (var input in model.Inputs)
        {
            if (includeRequired || random.Next(2) == 0)
            {
                // Wide enough to reach past every band edge, including negative margins and cash flow.
                inputs[input.Name] = (decimal)Math.Round((random.NextDouble() * 220) - 20, 3);
            }
        }

        return inputs;
    }
}
