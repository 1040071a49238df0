using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Domain.Tests.Receivables;

/// <summary>A customer's months beside its budget and its promises, worked out by hand.</summary>
public sealed class CustomerBehaviourTests
{
    private static readonly Currency Cny = new("CNY");

    private static Money M(decimal amount) => new(amount, Cny);

    [Fact]
    public void EachMonth_HasItsBudget_WhatHappened_AndTheCashPromisedForIt()
    {
        var today = new DateOnly(2026, 3, 20);
        var histories = new[]
        {
            // 20,000 issued in January, 5,000 paid 10 March; in February it promised 8,000 for 15 March.
            new InvoiceHistory(new Invoice("c1", "i1", new(2026, 1, 10), new(2026, 2, 9), M(20_000m)) { Paid = M(5_000m) },
                [new(new(2026, 3, 10), M(5_000m))], [], [new PaymentPromise(new(2026, 2, 20), new(2026, 3, 15), M(8_000m))]),

            // 10,000 issued in February; a promise without an amount for 30 March promises all of it.
            new InvoiceHistory(new Invoice("c1", "i2", new(2026, 2, 5), new(2026, 3, 7), M(10_000m)), [], [], [new PaymentPromise(new(2026, 3, 8), new(2026, 3, 30), null)]),
        };
        var position = ReceivablesPosition.Build(histories, Cny, today, AgingBuckets.Default, new AbcPolicy(0.05m, 0.15m), months: 3);
        var budget = ReceivableBudget.Build(
            new Dictionary<DateOnly, Money> { [new(2026, 1, 1)] = M(25_000m), [new(2026, 2, 1)] = M(15_000m) }, Cny, new BudgetAssumptions(30, 0m), new(2026, 1, 1), new(2026, 3, 1));

        var months = CustomerBehaviour.Of(position, histories, budget);

        Assert.Equal(
            [
                new BehaviourMonth(new(2026, 1, 1), M(25_000m), M(20_000m), M(0m), M(0m), M(0m)),
                new BehaviourMonth(new(2026, 2, 1), M(15_000m), M(10_000m), M(25_000m), M(0m), M(0m)),
                new BehaviourMonth(new(2026, 3, 1), M(0m), M(0m), M(15_000m), M(5_000m), M(18_000m)),
            ],
            months);
    }
}
