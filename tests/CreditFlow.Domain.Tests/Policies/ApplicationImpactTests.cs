using System.Text.Json.Nodes;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Domain.Policies;

namespace CreditFlow.Domain.Tests.Policies;

public sealed class ApplicationImpactTests
{
    private static readonly DateOnly Day = new(2027, 2, 10);

    // A sound manufacturer's statements: class B under the shipped scorecard and bands.
    private static readonly Dictionary<string, decimal> Figures = new()
    {
        ["currentRatio"] = 1.8m, ["debtToAssetRatio"] = 45m, ["grossMargin"] = 28m, ["netMargin"] = 7m,
        ["receivableTurnover"] = 8m, ["cashFlowQuality"] = 1.1m, ["marketShare"] = 8m, ["yearsOfCooperation"] = 0m,
        ["managementStability"] = 4m, ["coreTechnology"] = 4m, ["industryCycle"] = 4m, ["competition"] = 3m,
        ["policySensitivity"] = 4m, ["averageDaysLate"] = 0m, ["disputes"] = 0m, ["brokenPromises"] = 0m,
    };

    private static Money M(decimal amount) => Money.Of(amount, "CNY");

    /// <summary>The application as version 1 assessed it: 800,000 asked, 6,000,000 annual sales.</summary>
    private static ScoredApplication AssessedUnderVersion1(string id)
    {
        var then = ApplicantAssessment.Under(CreditPolicy.Default, Figures, M(800_000m), M(6_000_000m));
        return new ScoredApplication(
            id, "C-" + id, Day, "trial", Figures, M(800_000m), M(6_000_000m),
            then.Assignment!.Score, then.Assignment.Class, then.Trial.TrialLimit, then.ProposedLimit!.Value, 1);
    }

    private static CreditPolicy Draft(Action<JsonNode> change)
    {
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        change(document);
        return CreditPolicy.Parse(document.ToJsonString(), 2, Day);
    }

    [Fact]
    public void UnderVersion1_TheSoundApplicantIsClassB_ItsRequestCappedAtTenPercentOfSales()
    {
        var then = AssessedUnderVersion1("A-1");

        Assert.Equal((CreditClass.B, M(100_000m), M(600_000m)), (then.Class, then.TrialLimit, then.ProposedLimit));
        Assert.Equal(ApplicationChange.Same, Assert.Single(ApplicationImpact.Replay([then], CreditPolicy.Default)).Change);
    }

    [Fact]
    public void Replay_AStricterClassB_MakesItClassC_WithHalfTheProposedLimit()
    {
        var then = AssessedUnderVersion1("A-1");
        var draft = Draft(d =>
        {
            d["creditClasses"]!["minimumScores"]!["B"] = Math.Floor(then.Score) + 1;
            d["creditClasses"]!["minimumScores"]!["A"] = 90;
        });

        var impact = Assert.Single(ApplicationImpact.Replay([then], draft));

        Assert.Equal(ApplicationChange.WorseClass, impact.Change);
        Assert.Equal((then.Score, CreditClass.C), (impact.ScoreUnderDraft, impact.ClassUnderDraft));
        // 5% of 6,000,000 for class C instead of 10% for B; the trial limit does not depend on the class.
        Assert.Equal((M(300_000m), M(100_000m)), (impact.ProposedLimitUnderDraft, impact.TrialLimitUnderDraft));
    }

    [Fact]
    public void Replay_ASmallerTrial_IsAnotherLimit_AndAScorecardWithANewRequiredFigure_WouldAskForIt()
    {
        var applications = new[] { AssessedUnderVersion1("A-1"), AssessedUnderVersion1("A-2") with { Day = Day.AddDays(-3) } };
        var smallerTrial = Draft(d => d["newCustomers"]!["trialLimit"]!["amount"] = 50_000);
        var audited = Draft(d =>
        {
            var scorecard = d["scorecard"]!;
            scorecard["inputs"]!.AsArray().Add(new JsonObject { ["name"] = "auditOpinion", ["unit"] = "grade 1-5" });
            scorecard["dimensions"]![0]!["weight"] = 30;
            scorecard["dimensions"]!.AsArray().Add(JsonNode.Parse("""
                { "name": "audit", "weight": 10, "factors": [ { "name": "audit opinion", "input": "auditOpinion", "weight": 100,
                  "missingData": "required", "bands": [ { "to": 4, "points": 0 }, { "from": 4, "points": 100 } ] } ] }
                """));
        });

        var underSmallerTrial = ApplicationImpact.Replay(applications, smallerTrial);
        var underAudit = ApplicationImpact.Replay(applications, audited);

        Assert.All(underSmallerTrial, a => Assert.Equal((ApplicationChange.OtherLimit, M(50_000m), M(600_000m)), (a.Change, a.TrialLimitUnderDraft, a.ProposedLimitUnderDraft!.Value)));
        // The latest first.
        Assert.Equal(["A-1", "A-2"], underSmallerTrial.Select(a => a.Then.ApplicationId));
        Assert.All(underAudit, a => Assert.Equal((ApplicationChange.MoreData, null, null), (a.Change, a.ClassUnderDraft, a.ProposedLimitUnderDraft)));
        Assert.All(underAudit, a => Assert.Equal(["auditOpinion"], a.MissingUnderDraft));
    }
}
