using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Profiles;
using CreditFlow.Workflows.Onboarding;

namespace CreditFlow.Workflows.Tests.Onboarding;

/// <summary>A scoring's logged snapshot read back for a credit policy's simulation.</summary>
public sealed class ScoringSnapshotTests
{
    private static readonly DateTimeOffset At = new(2027, 2, 10, 9, 30, 0, TimeSpan.Zero);

    private static CreditDecision Decision(string id, string snapshot) =>
        new(id, "C-1", At, "system", "scored 76.83: class B", "", snapshot, "multi-dimension/1", "app-1");

    [Fact]
    public void Read_AScoringWithItsRequestAndSales_GivesWhatWasAssessed()
    {
        var scored = ScoringSnapshot.Read(Decision("app-1-scored-final", """
            { "score": { "value": 76.83, "class": "B", "policyVersion": 3 },
              "proposal": { "requestedLimit": { "amount": 800000, "currency": "CNY" }, "annualSales": { "amount": 6000000, "currency": "CNY" },
                            "trialLimit": { "amount": 100000, "currency": "CNY" }, "proposedLimit": { "amount": 600000, "currency": "CNY" } },
              "figures": { "currentRatio": 1.8 } }
            """));

        Assert.NotNull(scored);
        Assert.Equal(("app-1", "C-1", new DateOnly(2027, 2, 10), "final"), (scored.ApplicationId, scored.CustomerId, scored.Day, scored.Phase));
        Assert.Equal((76.83m, CreditClass.B, 3), (scored.Score, scored.Class, scored.PolicyVersion));
        Assert.Equal((Money.Of(800_000m, "CNY"), Money.Of(6_000_000m, "CNY")), (scored.Requested, scored.AnnualSales!.Value));
        Assert.Equal((Money.Of(100_000m, "CNY"), Money.Of(600_000m, "CNY")), (scored.TrialLimit, scored.ProposedLimit));
        Assert.Equal(1.8m, scored.Figures["currentRatio"]);
    }

    [Fact]
    public void Read_AScoringLoggedBeforeTheRequestWasKept_IsAScoringThatCannotBeReplayed_AndOtherDecisionsAreNoScorings()
    {
        var older = Decision("app-1-scored-trial", """
            { "score": { "value": 76.83, "class": "B" },
              "proposal": { "trialLimit": { "amount": 100000, "currency": "CNY" }, "proposedLimit": { "amount": 600000, "currency": "CNY" } },
              "figures": { "currentRatio": 1.8 } }
            """);
        var approval = Decision("app-1-approval-1", """{ "decision": "approved" }""");

        Assert.True(ScoringSnapshot.IsScoring(older));
        Assert.Null(ScoringSnapshot.Read(older));
        Assert.False(ScoringSnapshot.IsScoring(approval));
        Assert.Null(ScoringSnapshot.Read(approval));
        Assert.Null(ScoringSnapshot.Read(Decision("app-1-scored-trial", "not json")));
    }
}
