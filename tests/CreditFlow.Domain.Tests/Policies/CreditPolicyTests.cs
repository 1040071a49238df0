using System.Text.Json.Nodes;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Policies;

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
        Assert.Empty(CreditPolicy.Problems(policy.Json));
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
        document["scorecard"] = new JsonObject();

        var problems = CreditPolicy.Problems(document.ToJsonString());

        Assert.Equal(
            ["$.orderCheck.releaseTolerance.days", "$.orderCheck.stopLineDaysOverdue", "$.scorecard"],
            problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Contains("unknown property", problems.Single(p => p.Path == "$.scorecard").Problem, StringComparison.Ordinal);
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
        Assert.Equal(["$.creditClasses", "$.limitCoefficients", "$.orderCheck"], CreditPolicy.Problems("{}").Select(p => p.Path).Order(StringComparer.Ordinal));
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
