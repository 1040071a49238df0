using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Domain.Tests.Warnings;

public sealed class WarningRulesTests
{
    private static readonly DateTimeOffset Monday9 = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));

    private static CreditWarning? Single(CreditSignal signal) => WarningRules.Default.Evaluate([signal]).SingleOrDefault();

    [Theory]
    [InlineData(29, null)]
    [InlineData(30, WarningLevel.Yellow)]
    [InlineData(89, WarningLevel.Yellow)]
    [InlineData(90, WarningLevel.Red)]
    [InlineData(200, WarningLevel.Red)]
    public void Evaluate_DaysOverdueBoundaries_RaiseTheLevelStartingThere(int days, WarningLevel? expected)
    {
        var warning = Single(new CreditSignal("c1", SignalKind.DaysOverdue, days, Monday9));

        Assert.Equal(expected, warning?.Level);
    }

    [Fact]
    public void Evaluate_Overdue30Days_YellowCollectionAndFreezeForTheCreditOfficerWithin24Hours()
    {
        var warning = Single(new CreditSignal("c1", SignalKind.DaysOverdue, 30m, Monday9))!;

        Assert.Equal(WarningLevel.Yellow, warning.Level);
        Assert.Equal([ResponseAction.Collection, ResponseAction.FreezeLimit], warning.Actions);
        Assert.Equal(CreditRole.CreditOfficer, warning.Responsible);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.FromHours(8)), warning.RespondBy);
        Assert.Equal("DaysOverdue 30 at or above 30 without a reasonable explanation", warning.Reason);
    }

    [Fact]
    public void Evaluate_Overdue30DaysWithReasonableExplanation_RaisesNothing()
    {
        Assert.Null(Single(new CreditSignal("c1", SignalKind.DaysOverdue, 45m, Monday9, Explained: true)));
    }

    [Fact]
    public void Evaluate_Overdue90DaysEvenIfExplained_IsRedForLegal()
    {
        var warning = Single(new CreditSignal("c1", SignalKind.DaysOverdue, 90m, Monday9, Explained: true))!;

        Assert.Equal(WarningLevel.Red, warning.Level);
        Assert.Equal(CreditRole.Legal, warning.Responsible);
    }

    [Theory]
    [InlineData(50, null)]
    [InlineData(50.01, WarningLevel.Orange)]
    [InlineData(80, WarningLevel.Orange)]
    public void Evaluate_EquityPledged_OrangeOnlyOverHalf(decimal percent, WarningLevel? expected)
    {
        var warning = Single(new CreditSignal("c1", SignalKind.EquityPledgedPercent, percent, Monday9));

        Assert.Equal(expected, warning?.Level);
    }

    [Fact]
    public void Evaluate_EquityPledgedOverHalf_LegalAndAssetPreservation()
    {
        var warning = Single(new CreditSignal("c1", SignalKind.EquityPledgedPercent, 60m, Monday9))!;

        Assert.Equal([ResponseAction.LegalInvolvement, ResponseAction.AssetPreservation], warning.Actions);
        Assert.Equal(CreditRole.Legal, warning.Responsible);
    }

    [Fact]
    public void Evaluate_MajorLawsuit_RedLossStopPlanAndLitigation()
    {
        var warning = Single(CreditSignal.Event("c1", SignalKind.MajorLawsuit, Monday9))!;

        Assert.Equal(WarningLevel.Red, warning.Level);
        Assert.Equal([ResponseAction.LossStopPlan, ResponseAction.Litigation], warning.Actions);
        Assert.Equal(Monday9.AddHours(24), warning.RespondBy);
    }

    [Theory]
    [InlineData(SignalKind.OrderVolumeDropPercent, 29.9, null)]
    [InlineData(SignalKind.OrderVolumeDropPercent, 30, WarningLevel.Yellow)]
    [InlineData(SignalKind.PaymentDaysLengthening, 14, null)]
    [InlineData(SignalKind.PaymentDaysLengthening, 15, WarningLevel.Yellow)]
    [InlineData(SignalKind.KeyAssetsMortgaged, 1, WarningLevel.Orange)]
    [InlineData(SignalKind.OwnershipChange, 1, WarningLevel.Yellow)]
    [InlineData(SignalKind.MajorCustomerBankrupt, 1, WarningLevel.Orange)]
    [InlineData(SignalKind.SectorBan, 1, WarningLevel.Red)]
    [InlineData(SignalKind.SectorBan, 0, null)]
    [InlineData(SignalKind.BusinessRegistryChange, 1, WarningLevel.Yellow)]
    [InlineData(SignalKind.AdverseNews, 1, WarningLevel.Yellow)]
    public void Evaluate_OtherSignals_HaveTheirDefaultLevels(SignalKind kind, decimal value, WarningLevel? expected)
    {
        var warning = Single(new CreditSignal("c1", kind, value, Monday9));

        Assert.Equal(expected, warning?.Level);
    }

    [Fact]
    public void Evaluate_SeveralSignals_MostSevereFirstEachWithItsOwnDeadline()
    {
        var later = Monday9.AddHours(5);

        var warnings = WarningRules.Default.Evaluate(
        [
            new CreditSignal("c1", SignalKind.OrderVolumeDropPercent, 40m, Monday9),
            CreditSignal.Event("c2", SignalKind.MajorLawsuit, later),
            new CreditSignal("c3", SignalKind.EquityPledgedPercent, 10m, Monday9),
        ]);

        Assert.Equal([("c2", WarningLevel.Red), ("c1", WarningLevel.Yellow)], warnings.Select(w => (w.CustomerId, w.Level)));
        Assert.Equal(later.AddHours(24), warnings[0].RespondBy);
    }

    [Fact]
    public void Evaluate_RandomOverdueSignals_LevelNeverFallsAsDaysGrow()
    {
        var random = new Random(5);
        for (var i = 0; i < 1_000; i++)
        {
            var fewer = random.Next(0, 200);
            var more = fewer + random.Next(0, 100);

            var atFewer = Single(new CreditSignal("c", SignalKind.DaysOverdue, fewer, Monday9))?.Level;
            var atMore = Single(new CreditSignal("c", SignalKind.DaysOverdue, more, Monday9))?.Level;

            Assert.True(atFewer is null || atMore >= atFewer, $"{more} days gave {atMore}, {fewer} gave {atFewer}");
        }
    }

    [Fact]
    public void Parse_PerRuleResponseHours_OverridesTheDefault()
    {
        var rules = WarningRules.Parse("""
            { "defaultResponseHours": 24, "rules": [
              { "name": "lawsuit", "signal": "majorLawsuit", "atLeast": 1, "level": "red", "actions": [ "litigation" ], "responsible": "legal", "responseHours": 4 } ] }
            """);

        var warning = rules.Evaluate([CreditSignal.Event("c", SignalKind.MajorLawsuit, Monday9)]).Single();

        Assert.Equal(Monday9.AddHours(4), warning.RespondBy);
    }

    [Fact]
    public void Parse_InvalidRules_ListsEveryProblem()
    {
        const string Json = """
            { "defaultResponseHours": 0, "rules": [
              { "name": "a", "signal": "rumour", "atLeast": 1, "above": 2, "level": "purple", "actions": [ "pray", 3 ], "responsible": "intern" },
              { "name": "A", "signal": "sectorBan", "level": "red", "actions": [], "responsible": "legal", "responseHours": -1 } ] }
            """;

        var error = Assert.Throws<InvalidConfigurationException>(() => WarningRules.Parse(Json));

        Assert.Equal(
            [
                "$.defaultResponseHours: 0 must be above 0",
                "$.rules[0].signal: 'rumour' is not one of DaysOverdue, EquityPledgedPercent, MajorLawsuit, OrderVolumeDropPercent, PaymentDaysLengthening, KeyAssetsMortgaged, OwnershipChange, MajorCustomerBankrupt, SectorBan, BusinessRegistryChange, AdverseNews, BrokenPromises, ShortPayments, DisputesRising",
                "$.rules[0]: needs exactly one of 'atLeast' or 'above'",
                "$.rules[0].level: 'purple' is not one of Yellow, Orange, Red",
                "$.rules[0].actions[0]: 'pray' is not one of Collection, FreezeLimit, LegalInvolvement, AssetPreservation, LossStopPlan, Litigation, CreditReview, CustomerVisit",
                "$.rules[0].actions[1]: must be a string naming an action",
                "$.rules[0].responsible: 'intern' is not one of SalesRep, CreditOfficer, CreditManager, CreditCommittee, Finance, Legal, Admin",
                "$.rules[1]: needs exactly one of 'atLeast' or 'above'",
                "$.rules[1].actions: must not be empty",
                "$.rules[1].responseHours: -1 must be above 0",
                "$.rules[1].name: 'A' is used more than once",
            ],
            error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Default_Loads_WithTheArticlesThreeExamples()
    {
        var rules = WarningRules.Default.Rules;

        Assert.Contains(rules, r => r is { Signal: SignalKind.DaysOverdue, Threshold: 30m, Level: WarningLevel.Yellow, IgnoreWhenExplained: true });
        Assert.Contains(rules, r => r is { Signal: SignalKind.EquityPledgedPercent, Threshold: 50m, StrictlyAbove: true, Level: WarningLevel.Orange });
        Assert.Contains(rules, r => r is { Signal: SignalKind.MajorLawsuit, Level: WarningLevel.Red });
        Assert.All(rules, r => Assert.Equal(TimeSpan.FromHours(24), r.ResponseTime));
        Assert.Equal(Enum.GetValues<SignalKind>().Order(), rules.Select(r => r.Signal).Distinct().Order());
    }
}
