using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Policies;

public sealed class PolicyImpactTests
{
    private static readonly DateOnly Day = new(2027, 2, 10);

    private static Money M(decimal amount) => Money.Of(amount, "CNY");

    /// <summary>An order of 10,000 by a class B customer with a 1,000,000 limit and 200,000 exposure, its oldest invoice <paramref name="daysOverdue"/> days overdue.</summary>
    private static CheckedOrder Checked(string id, int? daysOverdue, bool passed, decimal amount = 10_000m)
    {
        var invoices = daysOverdue is { } days ? new[] { new Invoice("C1", "I-" + id, Day.AddDays(-days - 30), Day.AddDays(-days), M(5_000m)) } : [];
        return new CheckedOrder(
            Day,
            new CreditProfile("C1", CreditClass.B, M(1_000_000m)),
            new CreditExposure(M(200_000m), M(0m), M(0m)),
            invoices,
            new OrderRequest(id, M(amount), Day),
            passed,
            passed ? null : "CreditOfficer",
            1);
    }

    [Fact]
    public void Replay_AStopLineFrom30To20_HoldsWhatWas21To29DaysOverdue_OnlyThat()
    {
        var orders = new[]
        {
            Checked("O-25", 25, passed: true),   // passed under 30, held under 20
            Checked("O-20", 20, passed: true),   // the stop line is reached at 20
            Checked("O-19", 19, passed: true),   // still passes
            Checked("O-40", 40, passed: false),  // held then, held now
            Checked("O-none", null, passed: true),
        };
        var draft = CreditPolicy.Parse(CreditPolicyTests.WithStopLine(20), 2, Day);

        var impact = PolicyImpact.Replay(orders, draft);

        Assert.Equal((0, 2, 3), (impact.NowPassed, impact.NowHeld, impact.Unchanged));
        // Those decided otherwise come first.
        Assert.Equal(["O-20", "O-25"], impact.Orders.Take(2).Select(o => o.OrderId).Order(StringComparer.Ordinal));
        var o25 = impact.Orders.Single(o => o.OrderId == "O-25");
        Assert.Equal(OrderChange.WouldHold, o25.Change);
        Assert.Contains("25 days overdue", Assert.Single(o25.ReasonsUnderDraft), StringComparison.Ordinal);
        Assert.NotNull(o25.ApproverUnderDraft);
        Assert.Equal([M(10_000m)], impact.HeldThen);
        Assert.Equal([M(30_000m)], impact.HeldUnderDraft);
        Assert.Equal([(M(40_000m), M(20_000m))], impact.ExposurePassed);
    }

    [Fact]
    public void Replay_TheVersionItWasDecidedUnder_ChangesNothing()
    {
        var orders = new[] { Checked("O-25", 25, passed: true), Checked("O-40", 40, passed: false) };

        var impact = PolicyImpact.Replay(orders, CreditPolicy.Default);

        Assert.All(impact.Orders, o => Assert.Equal(OrderChange.Same, o.Change));
        Assert.Equal((0, 0), (impact.NowPassed, impact.NowHeld));
    }

    [Fact]
    public void Replay_ALongerStopLine_WouldPassWhatWasHeldForIt()
    {
        var draft = CreditPolicy.Parse(CreditPolicyTests.WithStopLine(45), 2, Day);

        var impact = PolicyImpact.Replay([Checked("O-40", 40, passed: false)], draft);

        var order = Assert.Single(impact.Orders);
        Assert.Equal((OrderChange.WouldPass, true, null), (order.Change, order.PassesUnderDraft, order.ApproverUnderDraft));
        Assert.Equal([M(0m)], impact.HeldUnderDraft);
    }

    [Fact]
    public void Replay_ALowerCeilingForTheCreditOfficer_SendsTheSameHoldToTheCreditManager()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["authorityMatrix"]!["tiers"]![0]!["upTo"] = 5_000;
        var draft = CreditPolicy.Parse(document.ToJsonString(), 2, Day);

        var order = Assert.Single(PolicyImpact.Replay([Checked("O-40", 40, passed: false)], draft).Orders);

        Assert.Equal(OrderChange.Same, order.Change);
        Assert.Equal(("CreditOfficer", "CreditManager"), (order.ApproverThen, order.ApproverUnderDraft));
    }
}
