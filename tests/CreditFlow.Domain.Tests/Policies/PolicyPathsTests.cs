using CreditFlow.Domain.Policies;

namespace CreditFlow.Domain.Tests.Policies;

public sealed class PolicyPathsTests
{
    [Theory]
    [InlineData("orderCheck.stopLineDaysOverdue", "Order check › stop line days overdue")]
    [InlineData("orderCheck.releaseTolerance.amountShare", "Order check › release tolerance › amount share")]
    [InlineData("orderCheck.minimumApprover.ClassD", "Order check › minimum approver › class D")]
    [InlineData("orderCheck.minimumApprover.OverLimit", "Order check › minimum approver › over limit")]
    [InlineData("creditClasses.minimumScores.A", "Credit classes › minimum scores › A")]
    [InlineData("dunningLadder.steps[4].daysFromDue", "Dunning ladder › step 5 › days from due")]
    [InlineData("dunningLadder.steps[4].actions[1].kind", "Dunning ladder › step 5 › action 2 › kind")]
    [InlineData("authorityMatrix.tiers[1].upTo", "Authority matrix › tier 2 › up to")]
    [InlineData("warningRules.rules[0].atLeast", "Warning rules › rule 1 › at least")]
    [InlineData("scorecard.policies[0]", "Scorecard › policy 1")]
    [InlineData("bonusRules", "Bonus rules")]
    public void InWords_APathOfThePolicyDocument_ReadsAsWords(string path, string expected) =>
        Assert.Equal(expected, PolicyPaths.InWords(path));

    [Fact]
    public void InWords_OfTheValuesADraftChanges_InDocumentOrder()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["orderCheck"]!["stopLineDaysOverdue"] = 20;
        document["dunningLadder"]!["steps"]![4]!["daysFromDue"] = 25;

        var words = PolicyChanges.Between(CreditPolicy.Default.Json, document.ToJsonString()).Select(c => PolicyPaths.InWords(c.Path)).ToList();

        Assert.Equal(["Order check › stop line days overdue", "Dunning ladder › step 5 › days from due"], words);
    }
}
