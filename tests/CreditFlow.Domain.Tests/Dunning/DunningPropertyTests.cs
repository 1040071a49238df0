using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Tests.Dunning;

public sealed class DunningPropertyTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    private static Money M(decimal amount) => Money.Of(amount, "CNY");

    private sealed record Case(Invoice Invoice, InvoicePayment[] Payments, InvoiceDispute[] Disputes, PaymentPromise[] Promises);

    private static Case RandomCase(Random random)
    {
        var issue = Start.AddDays(random.Next(0, 60));
        var invoice = Invoice.WithTerm("C", "I", issue, random.Next(0, 120), M(random.Next(1_000, 100_000)));
        var payments = Enumerable.Range(0, random.Next(0, 3)).Select(_ => new InvoicePayment(issue.AddDays(random.Next(0, 400)), M(random.Next(1, 60_000)))).ToArray();
        var disputes = Enumerable.Range(0, random.Next(0, 3)).Select(_ =>
        {
            var opened = issue.AddDays(random.Next(0, 300));
            return new InvoiceDispute(opened, random.Next(4) == 0 ? null : opened.AddDays(random.Next(0, 40)));
        }).ToArray();
        var promises = Enumerable.Range(0, random.Next(0, 3)).Select(_ =>
        {
            var made = issue.AddDays(random.Next(0, 300));
            return new PaymentPromise(made, made.AddDays(random.Next(0, 30)), random.Next(2) == 0 ? null : M(random.Next(1, 50_000)));
        }).ToArray();
        return new Case(invoice, payments, disputes, promises);
    }

    private static DunningState Evaluate(Case c, DateOnly today) =>
        DunningLadder.Default.Evaluate(c.Invoice, c.Payments, c.Disputes, c.Promises, today);

    [Fact]
    public void Evaluate_LargerPayment_NeverRaisesTheLevel()
    {
        // Arrange
        var random = new Random(2026);
        for (var i = 0; i < 1_000; i++)
        {
            var c = RandomCase(random);
            var today = c.Invoice.IssueDate.AddDays(random.Next(0, 450));
            var extra = new InvoicePayment(c.Invoice.IssueDate.AddDays(random.Next(0, 400)), M(random.Next(1, 100_000)));

            // Act
            var without = Evaluate(c, today);
            var with = Evaluate(c with { Payments = [.. c.Payments, extra] }, today);
            var larger = Evaluate(c with { Payments = c.Payments.Select(p => p with { Amount = p.Amount * 2m }).ToArray() }, today);

            // Assert
            Assert.True(with.Level <= without.Level, $"case {i}: extra payment raised {without.Level} to {with.Level}");
            Assert.True(larger.Level <= without.Level, $"case {i}: doubled payments raised {without.Level} to {larger.Level}");
        }
    }

    [Fact]
    public void Evaluate_TimePasses_LevelNeverFalls()
    {
        // Arrange
        var random = new Random(99);
        for (var i = 0; i < 300; i++)
        {
            var c = RandomCase(random);
            var previous = 0;

            for (var day = 0; day < 420; day += 3)
            {
                // Act
                var state = Evaluate(c, c.Invoice.IssueDate.AddDays(day));

                // Assert
                Assert.True(state.Level >= previous, $"case {i} day {day}: level fell from {previous} to {state.Level}");
                Assert.True(state.Status is DunningStatus.Settled or DunningStatus.Completed || state.Next is not null);
                previous = state.Level;
            }
        }
    }

    [Fact]
    public void Evaluate_AddingADispute_NeverBringsAStepForward()
    {
        // Arrange
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var c = RandomCase(random) with { Promises = [] };
            var opened = c.Invoice.IssueDate.AddDays(random.Next(0, 200));
            var dispute = new InvoiceDispute(opened, opened.AddDays(random.Next(0, 30)));
            var today = c.Invoice.IssueDate.AddDays(500);

            // Act
            var before = Evaluate(c, today).Schedule;
            var after = Evaluate(c with { Disputes = [.. c.Disputes, dispute] }, today).Schedule;

            // Assert
            for (var s = 0; s < before.Count; s++)
            {
                Assert.True(after[s].DueOn is null || before[s].DueOn is { } b && after[s].DueOn >= b, $"case {i} step {s}: {before[s].DueOn} -> {after[s].DueOn}");
            }
        }
    }
}
