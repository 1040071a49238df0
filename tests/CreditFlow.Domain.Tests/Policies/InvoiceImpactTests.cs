using System.Text.Json.Nodes;
using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Policies;

public sealed class InvoiceImpactTests
{
    private static readonly DateOnly Today = new(2027, 2, 26);

    private static DunnedInvoice OnVersion1(string id, DateOnly issued, DateOnly due) =>
        new(new Invoice("C1", id, issued, due, Money.Of(10_000m, "CNY")), [], [], [], DunningLadder.Default, 1);

    [Fact]
    public void Replay_YellowAtTwentyDays_PutsAnInvoice22DaysOverdueAtYellowToday_AndLeavesOneNotYetDue()
    {
        var document = JsonNode.Parse(CreditPolicy.Default.Json)!;
        document["dunningLadder"]!["steps"]![4]!["daysFromDue"] = 20;
        var draft = CreditPolicy.Parse(document.ToJsonString(), 2, Today);
        var overdue = OnVersion1("I-late", new DateOnly(2027, 1, 5), new DateOnly(2027, 2, 4)); // 22 days overdue today
        var notDue = OnVersion1("I-new", new DateOnly(2027, 2, 20), new DateOnly(2027, 3, 22));

        var impact = InvoiceImpact.Replay([notDue, overdue], draft, Today);

        var late = impact[0];
        Assert.Equal(("I-late", true), (late.InvoiceId, late.Changed));
        Assert.Equal(("sales-call", new NextStep("yellow", new DateOnly(2027, 3, 6))), (late.StepThen, late.NextThen));
        Assert.Equal(("yellow", new NextStep("special-collection", new DateOnly(2027, 4, 5))), (late.StepUnderDraft, late.NextUnderDraft));
        var fresh = impact[1];
        Assert.Equal(("I-new", false, null), (fresh.InvoiceId, fresh.Changed, fresh.StepThen));
        Assert.Equal(new NextStep("payment-confirmation", new DateOnly(2027, 3, 7)), fresh.NextThen);
        Assert.Equal(Money.Of(10_000m, "CNY"), fresh.Open);
    }
}
