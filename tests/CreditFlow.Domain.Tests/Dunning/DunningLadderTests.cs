using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Dunning;

public sealed class DunningLadderTests
{
    // Issued 2026-01-05 with a 60-day term: due 2026-03-06 (26 days to Jan 31, +28 to Feb 28 = 54, +6 = 60).
    private static readonly Invoice Invoice = Invoice.WithTerm("C", "INV-1", new(2026, 1, 5), 60, Money.Of(100_000m, "CNY"));

    private static Money M(decimal amount) => Money.Of(amount, "CNY");

    private static DunningState At(DateOnly today, InvoicePayment[]? payments = null, InvoiceDispute[]? disputes = null, PaymentPromise[]? promises = null) =>
        DunningLadder.Default.Evaluate(Invoice, payments ?? [], disputes ?? [], promises ?? [], today);

    [Fact]
    public void Evaluate_NoEvents_DefaultLadderDatesByHand()
    {
        // Arrange: half the term = Jan 5 + 30 = Feb 4; due - 3 = Mar 3; due = Mar 6; due + 1 = Mar 7;
        // due + 30 = Apr 5 (25 days to Mar 31, +5); due + 60 = May 5 (+30 to Apr 30 = 55, +5);
        // due + 90 = Jun 4 (+31 to May 31 = 86, +4); due + 181 = Sep 3 (Jun 30 = 116, Jul 31 = 147, Aug 31 = 178, +3).

        // Act
        var state = At(new(2026, 1, 6));

        // Assert
        Assert.Equal(
            [
                ("payment-confirmation", new DateOnly(2026, 2, 4)),
                ("reminder", new DateOnly(2026, 3, 3)),
                ("payment-notice", new DateOnly(2026, 3, 6)),
                ("sales-call", new DateOnly(2026, 3, 7)),
                ("yellow", new DateOnly(2026, 4, 5)),
                ("special-collection", new DateOnly(2026, 5, 5)),
                ("red", new DateOnly(2026, 6, 4)),
                ("litigation", new DateOnly(2026, 9, 3)),
            ],
            state.Schedule.Select(s => (s.Step.Code, s.DueOn!.Value)));
        Assert.Equal((DunningStatus.Running, 0, "payment-confirmation", new DateOnly(2026, 2, 4)), (state.Status, state.Level, state.Next!.Step.Code, state.NextDueOn!.Value));
    }

    [Theory]
    [InlineData("2026-04-04", 4, "sales-call")]
    [InlineData("2026-04-05", 5, "yellow")]
    [InlineData("2026-09-02", 7, "red")]
    public void Evaluate_OnAStepDate_ThatStepIsReached(string today, int level, string current)
    {
        // Act
        var state = At(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        // Assert
        Assert.Equal((level, current), (state.Level, state.Current!.Step.Code));
    }

    [Fact]
    public void Evaluate_AfterLastStep_Completed()
    {
        // Act
        var state = At(new(2026, 9, 3));

        // Assert
        Assert.Equal((DunningStatus.Completed, 8, "litigation"), (state.Status, state.Level, state.Current!.Step.Code));
        Assert.Null(state.Next);
    }

    [Fact]
    public void Evaluate_DisputeThenBrokenPromise_WorkedExampleByHand()
    {
        // Arrange: dispute Mar 10 - Mar 20 pauses 10 days, so steps from Mar 10 on move 10 days:
        //   yellow Apr 5 -> Apr 15, special collection May 5 -> May 15, red Jun 4 -> Jun 14, litigation Sep 3 -> Sep 13.
        // (sales call Mar 7 was before the dispute and stays.)
        // Promise made Apr 20 to pay by Apr 30: no step falls in Apr 20..Apr 30. Nothing is paid, so the promise
        // is broken and on May 1 the ladder escalates: special collection is pulled from May 15 to May 1.
        InvoiceDispute[] disputes = [new(new(2026, 3, 10), new(2026, 3, 20))];
        PaymentPromise[] promises = [new(new(2026, 4, 20), new(2026, 4, 30))];
        var partial = new InvoicePayment(new(2026, 4, 25), M(40_000m)); // 40,000 of the 100,000 promised: still broken

        // Act
        var duringDispute = At(new(2026, 3, 15), disputes: [new(new(2026, 3, 10))]);
        var beforeYellow = At(new(2026, 4, 14), disputes: disputes);
        var awaiting = At(new(2026, 4, 25), [partial], disputes, promises);
        var broken = At(new(2026, 5, 1), [partial], disputes, promises);

        // Assert
        Assert.Equal((DunningStatus.PausedByDispute, "sales-call", "yellow"), (duringDispute.Status, duringDispute.Current!.Step.Code, duringDispute.Next!.Step.Code));
        Assert.Null(duringDispute.NextDueOn);

        Assert.Equal(("sales-call", new DateOnly(2026, 4, 15)), (beforeYellow.Current!.Step.Code, beforeYellow.NextDueOn!.Value));

        Assert.Equal((DunningStatus.AwaitingPromise, "yellow", new DateOnly(2026, 5, 1)), (awaiting.Status, awaiting.Current!.Step.Code, awaiting.NextDueOn!.Value));

        Assert.Equal((DunningStatus.Running, 6, "special-collection"), (broken.Status, broken.Level, broken.Current!.Step.Code));
        Assert.True(broken.Current.Escalated);
        Assert.Equal(("red", new DateOnly(2026, 6, 14)), (broken.Next!.Step.Code, broken.NextDueOn!.Value));
        Assert.Equal(new DateOnly(2026, 9, 13), broken.Schedule[^1].DueOn);
    }

    [Fact]
    public void Evaluate_PromiseCoveringAStepKept_StepPostponedNotEscalated()
    {
        // Arrange: promise made Apr 1 to pay 30,000 by Apr 10; yellow (Apr 5) falls inside, moves to Apr 11.
        PaymentPromise[] promises = [new(new(2026, 4, 1), new(2026, 4, 10), M(30_000m))];
        InvoicePayment[] payments = [new(new(2026, 4, 9), M(30_000m))];

        // Act
        var state = At(new(2026, 4, 11), payments, promises: promises);

        // Assert: yellow reached on Apr 11; special collection keeps May 5 (no escalation).
        Assert.Equal(("yellow", new DateOnly(2026, 4, 11), false), (state.Current!.Step.Code, state.Current.DueOn!.Value, state.Current.Escalated));
        Assert.Equal(new DateOnly(2026, 5, 5), state.NextDueOn);
    }

    [Fact]
    public void Evaluate_PromiseCoveringAStepBroken_PostponedAndNextPulledForward()
    {
        // Arrange: same promise, nothing paid: on Apr 11 yellow (postponed) and special collection (pulled from May 5) fall due.
        PaymentPromise[] promises = [new(new(2026, 4, 1), new(2026, 4, 10), M(30_000m))];

        // Act
        var state = At(new(2026, 4, 11), promises: promises);

        // Assert
        Assert.Equal((6, "special-collection"), (state.Level, state.Current!.Step.Code));
        Assert.Equal(new DateOnly(2026, 4, 11), state.Schedule.Single(s => s.Step.Code == "yellow").DueOn);
    }

    [Fact]
    public void Evaluate_PaidInFull_SettledAndLadderEnds()
    {
        // Arrange: two part payments, the second (Apr 5, the yellow date) completes the amount.
        InvoicePayment[] payments = [new(new(2026, 3, 20), M(60_000m)), new(new(2026, 4, 5), M(40_000m))];

        // Act
        var state = At(new(2026, 8, 1), payments);

        // Assert: paid on the yellow day, so yellow is not taken.
        Assert.Equal((DunningStatus.Settled, 4, "sales-call", new DateOnly(2026, 4, 5)), (state.Status, state.Level, state.Current!.Step.Code, state.SettledOn!.Value));
        Assert.Null(state.Next);
        Assert.Null(state.NextDueOn);
    }

    [Fact]
    public void Evaluate_FuturePaymentsAndDisputes_Ignored()
    {
        // Act: facts dated after today are not known yet.
        var state = At(new(2026, 4, 5), [new(new(2026, 4, 6), M(100_000m))], [new(new(2026, 4, 6))]);

        // Assert
        Assert.Equal((DunningStatus.Running, "yellow"), (state.Status, state.Current!.Step.Code));
    }

    [Fact]
    public void Evaluate_MonthAndTermFractionOffsets_Placed()
    {
        // Arrange: term 45 days (Jan 5 -> Feb 19). Half the term = 22.5 -> 22 days (rounded down) = Jan 27.
        // Two months after due: Feb 19 -> Apr 19.
        var ladder = DunningLadder.Parse("""
            { "steps": [
                { "code": "half", "termFraction": 0.5, "actions": [ { "kind": "Mail", "template": "confirm" } ] },
                { "code": "special", "monthsFromDue": 2, "actions": [ { "kind": "SpecialCollection" } ] } ] }
            """);
        var invoice = Invoice.WithTerm("C", "I", new(2026, 1, 5), 45, M(1m));

        // Act
        var state = ladder.Evaluate(invoice, [], [], [], new(2026, 1, 5));

        // Assert
        Assert.Equal([new DateOnly(2026, 1, 27), new DateOnly(2026, 4, 19)], state.Schedule.Select(s => s.DueOn!.Value));
    }
}
