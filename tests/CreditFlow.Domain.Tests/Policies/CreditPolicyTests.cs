using System.Text.Json.Nodes;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Scoring;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Domain.Tests.Policies;

public sealed class CreditPolicyTests
{
    /// <summary>Version 1's document with the stop line set to <paramref name="days"/>.</summary>
    internal static string WithStopLine(int days)
    {
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["orderCheck"]!["stopLineDaysOverdue"] = days;
        return document.ToJsonString();
    }

    [Fact]
    public void Default_IsVersion1_TheShippedOrderCheck_InForceSinceAlways()
    {
        var policy = CreditPolicy.Default;

        Assert.Equal(1, policy.Version);
        Assert.Equal(DateOnly.MinValue, policy.EffectiveFrom);
        Assert.Equal(OrderCheckPolicy.Default.StopLineDaysOverdue, policy.OrderCheck.StopLineDaysOverdue);
        Assert.Equal(OrderCheckPolicy.Default.ReleaseAmountTolerance, policy.OrderCheck.ReleaseAmountTolerance);
        Assert.Equal(OrderCheckPolicy.Default.MinimumApprover, policy.OrderCheck.MinimumApprover);
        Assert.Equal(CreditClassBands.Default, policy.Classes);
        Assert.Equal(LimitCoefficients.Default.For(LimitMethod.WorkingCapital, CreditClass.B), policy.Limits.For(LimitMethod.WorkingCapital, CreditClass.B));
        Assert.Equal((ScorecardModel.MultiDimension.Id, ScorecardModel.MultiDimension.Version), (policy.Scorecard.Id, policy.Scorecard.Version));
        Assert.Equal(
            ScorecardModel.MultiDimension.Dimensions.Select(d => (d.Name, d.Weight)),
            policy.Scorecard.Dimensions.Select(d => (d.Name, d.Weight)));
        Assert.Equal(NewCustomerPolicy.Default.Assess(Money.Of(800_000m, "CNY")), policy.NewCustomers.Assess(Money.Of(800_000m, "CNY")));
        Assert.Equal(AuthorityMatrix.Default.Tiers, policy.Authority.Tiers);
        Assert.Equal(DunningLadder.Default.Steps.Select(s => s.Code), policy.Ladder.Steps.Select(s => s.Code));
        Assert.Equal(WarningRules.Default.Rules.Select(r => (r.Name, r.ResponseTime)), policy.Warnings.Rules.Select(r => (r.Name, r.ResponseTime)));
        Assert.Empty(CreditPolicy.Problems(policy.Json));
    }

    [Fact]
    public void Parse_NewScorecardWeightsAndTrialTerms_AndTheirProblemsAtTheirPaths()
    {
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["scorecard"]!["dimensions"]![0]!["weight"] = 50;
        document["scorecard"]!["dimensions"]![1]!["weight"] = 20;
        document["newCustomers"]!["trialLimit"]!["amount"] = 50_000;

        var draft = CreditPolicy.Parse(document.ToJsonString(), 2, DateOnly.MinValue);
        document["scorecard"]!["dimensions"]![1]!["weight"] = 25;
        document["newCustomers"]!["trialLimit"]!["currency"] = "yuan";

        Assert.Equal([50m, 20m, 20m, 10m], draft.Scorecard.Dimensions.Select(d => d.Weight));
        Assert.Equal(Money.Of(50_000m, "CNY"), draft.NewCustomers.Assess(Money.Of(800_000m, "CNY")).TrialLimit);
        var problems = CreditPolicy.Problems(document.ToJsonString());
        Assert.Contains(problems, p => p.Path.StartsWith("$.scorecard", StringComparison.Ordinal) && p.Problem.Contains("100", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path.StartsWith("$.newCustomers.trialLimit", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Matches(@"^\$\.(scorecard|newCustomers)", p.Path));
    }

    [Fact]
    public void Parse_ALowerCeilingForTheCreditOfficer_AndANewVersionMayNotChangeTheAuthorityCurrency()
    {
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["authorityMatrix"]!["tiers"]![0]!["upTo"] = 500_000;

        var draft = CreditPolicy.Parse(document.ToJsonString(), 2, DateOnly.MinValue);
        document["authorityMatrix"]!["currency"] = "USD";

        Assert.Equal(CreditRole.CreditManager, draft.Authority.TierFor(Money.Of(600_000m, "CNY")).Role);
        Assert.Equal(CreditRole.CreditOfficer, CreditPolicy.Default.Authority.TierFor(Money.Of(600_000m, "CNY")).Role);
        var problem = Assert.Single(CreditPolicy.Problems(document.ToJsonString()));
        Assert.Equal("$.authorityMatrix.currency", problem.Path);
        Assert.Contains("must stay CNY", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnEarlierReminder_AndALadderProblemAtItsPath()
    {
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["dunningLadder"]!["steps"]![0]!["daysFromDue"] = -5;

        var draft = CreditPolicy.Parse(document.ToJsonString(), 2, DateOnly.MinValue);
        document["dunningLadder"]!["steps"]![4]!["actions"]![0]!["kind"] = "Shout";

        var invoice = new Domain.Receivables.Invoice("C1", "I1", new DateOnly(2027, 1, 5), new DateOnly(2027, 2, 4), Money.Of(10_000m, "CNY"));
        var reminder = draft.Ladder.Evaluate(invoice, [], [], [], new DateOnly(2027, 1, 1)).Schedule.Single(s => s.Step.Code == "reminder");
        Assert.Equal(new DateOnly(2027, 1, 30), reminder.DueOn);
        Assert.All(CreditPolicy.Problems(document.ToJsonString()), p => Assert.StartsWith("$.dunningLadder.steps[4].actions[0]", p.Path, StringComparison.Ordinal));
        Assert.NotEmpty(CreditPolicy.Problems(document.ToJsonString()));
    }

    [Fact]
    public void Problems_TheSectionsMustAgree_TrialTermsInTheCreditCurrency_AndTheLadderWarnsAsItsRulesDo()
    {
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["newCustomers"]!["trialLimit"] = JsonNode.Parse("""{ "amount": 20000, "currency": "USD" }""");
        document["newCustomers"]!["guaranteeThreshold"] = JsonNode.Parse("""{ "amount": 80000, "currency": "USD" }""");
        document["dunningLadder"]!["steps"]![4]!["daysFromDue"] = 25; // yellow five days earlier, the rule left at 30

        var problems = CreditPolicy.Problems(document.ToJsonString());
        document["newCustomers"]!["trialLimit"]!["currency"] = "CNY";
        document["newCustomers"]!["guaranteeThreshold"]!["currency"] = "CNY";
        document["warningRules"]!["rules"]![0]!["atLeast"] = 25;

        Assert.Equal(
            ["$.dunningLadder.steps[4]", "$.newCustomers.guaranteeThreshold.currency", "$.newCustomers.trialLimit.currency"],
            problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Contains("raises a yellow warning at 25 days overdue, but the warning rules raise none at 25 days", problems.Single(p => p.Path.StartsWith("$.dunningLadder", StringComparison.Ordinal)).Problem, StringComparison.Ordinal);
        Assert.Empty(CreditPolicy.Problems(document.ToJsonString()));
    }

    [Fact]
    public void Whole_AVersionStoredBeforeSectionsWereAdded_TakesTheShippedOnes()
    {
        // Version 2 as drafted when the policy had three sections: the stop line changed, nothing on scoring.
        var document = JsonNode.Parse(WithStopLine(20))!.AsObject();
        document.Remove("scorecard");
        document.Remove("newCustomers");
        document.Remove("authorityMatrix");
        document.Remove("dunningLadder");
        document.Remove("warningRules");
        var stored = document.ToJsonString();

        var whole = CreditPolicy.Whole(stored);
        var restored = CreditPolicy.Parse(whole, 2, new DateOnly(2027, 1, 1));

        Assert.NotEmpty(CreditPolicy.Problems(stored));
        Assert.Equal(20, restored.OrderCheck.StopLineDaysOverdue);
        Assert.Equal(ScorecardModel.MultiDimension.Dimensions.Select(d => d.Weight), restored.Scorecard.Dimensions.Select(d => d.Weight));
        Assert.Equal(["orderCheck.stopLineDaysOverdue: 30 → 20"], PolicyChanges.Between(CreditPolicy.Default.Json, whole).Select(c => c.ToString()));
        // A whole document and one that is not an object are left as they are.
        Assert.Equal(CreditPolicy.Default.Json, CreditPolicy.Whole(CreditPolicy.Default.Json));
        Assert.Equal("{ \"orderCheck\": ", CreditPolicy.Whole("{ \"orderCheck\": "));
    }

    [Fact]
    public void Parse_ADraft_TakesItsNumbers()
    {
        var draft = CreditPolicy.Parse(WithStopLine(20), 2, new DateOnly(2027, 1, 1));

        Assert.Equal((2, new DateOnly(2027, 1, 1), 20), (draft.Version, draft.EffectiveFrom, draft.OrderCheck.StopLineDaysOverdue));
    }

    [Fact]
    public void Problems_NameEachAtItsPathInTheDocument()
    {
        var document = JsonNode.Parse(WithStopLine(0))!;
        document["orderCheck"]!["releaseTolerance"]!["days"] = -1;
        document["bonusRules"] = new JsonObject();

        var problems = CreditPolicy.Problems(document.ToJsonString());

        Assert.Equal(
            ["$.bonusRules", "$.orderCheck.releaseTolerance.days", "$.orderCheck.stopLineDaysOverdue"],
            problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Contains("unknown property", problems.Single(p => p.Path == "$.bonusRules").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NewClassBandsAndCoefficients_AndTheirProblemsAtTheirPaths()
    {
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["creditClasses"]!["minimumScores"]!["B"] = 70;
        document["limitCoefficients"]!["coefficients"]!["annualSales"]!["A"] = 0.2;

        var draft = CreditPolicy.Parse(document.ToJsonString(), 2, DateOnly.MinValue);
        document["creditClasses"]!["minimumScores"]!["B"] = 90;

        Assert.Equal((70m, 0.2m), (draft.Classes.MinimumB, draft.Limits.For(LimitMethod.AnnualSales, CreditClass.A)));
        Assert.All(CreditPolicy.Problems(document.ToJsonString()), p => Assert.StartsWith("$.creditClasses.minimumScores", p.Path, StringComparison.Ordinal));
        Assert.NotEmpty(CreditPolicy.Problems(document.ToJsonString()));
    }

    [Fact]
    public void Problems_AMissingSectionOrNotJson()
    {
        Assert.Equal(
            ["$.authorityMatrix", "$.creditClasses", "$.dunningLadder", "$.limitCoefficients", "$.newCustomers", "$.orderCheck", "$.scorecard", "$.warningRules"],
            CreditPolicy.Problems("{}").Select(p => p.Path).Order(StringComparer.Ordinal));
        var notJson = Assert.Single(CreditPolicy.Problems("{ \"orderCheck\": "));
        Assert.Equal("$", notJson.Path);
        Assert.Contains("not valid JSON", notJson.Problem, StringComparison.Ordinal);
        Assert.Throws<InvalidConfigurationException>(() => CreditPolicy.Parse("[]", 2, DateOnly.MinValue));
    }

    [Fact]
    public void Book_InForceOnADay_IsTheLatestFirstDayNotAfterIt()
    {
        var v2 = CreditPolicy.Parse(WithStopLine(20), 2, new DateOnly(2027, 1, 1));
        var v3 = CreditPolicy.Parse(WithStopLine(25), 3, new DateOnly(2027, 3, 1));
        var v4 = CreditPolicy.Parse(WithStopLine(15), 4, new DateOnly(2027, 3, 1));
        var book = new CreditPolicyBook([v3, v2, v4]);

        Assert.Equal(1, book.InEffectOn(new DateOnly(2026, 12, 31)).Version);
        Assert.Equal(2, book.InEffectOn(new DateOnly(2027, 1, 1)).Version);
        Assert.Equal(2, book.InEffectOn(new DateOnly(2027, 2, 28)).Version);
        // Two versions from the same day: the later one.
        Assert.Equal(4, book.InEffectOn(new DateOnly(2027, 3, 1)).Version);
        Assert.Equal(1, CreditPolicyBook.Shipped.InEffectOn(new DateOnly(2030, 1, 1)).Version);
    }

    [Fact]
    public void Changes_AreTheValuesThatDiffer()
    {
        var document = JsonNode.Parse(WithStopLine(20))!;
        document["orderCheck"]!["minimumApprover"]!.AsObject().Remove("ClassD");

        var changes = PolicyChanges.Between(CreditPolicy.Default.Json, document.ToJsonString());

        Assert.Equal(
            [new PolicyChange("orderCheck.stopLineDaysOverdue", "30", "20"), new PolicyChange("orderCheck.minimumApprover.ClassD", "CreditCommittee", null)],
            changes);
        Assert.Empty(PolicyChanges.Between(CreditPolicy.Default.Json, CreditPolicy.Default.Json));
    }
}
