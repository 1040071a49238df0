using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.Terms;

namespace CreditFlow.Domain.Tests.Configuration;

/// <summary>
/// A rule configuration's rules are written once: the constructor refuses what <c>Parse</c> refuses,
/// with the same words, and accepts what it accepts.
/// </summary>
public sealed class ConfiguredRulesTests
{
    public static TheoryData<string, Action, Action> SameBadValues() => new()
    {
        {
            "order check",
            () => _ = new OrderCheckPolicy(0, 5m, -1),
            () => OrderCheckPolicy.Parse("""{ "stopLineDaysOverdue": 0, "releaseTolerance": { "amountShare": 5, "days": -1 } }""")
        },
        {
            "receivable ABC",
            () => _ = new AbcPolicy(0.6m, 0.5m),
            () => AbcPolicy.Parse("""{ "highRiskShare": 0.6, "watchShare": 0.5 }""")
        },
        {
            "core customers",
            () => _ = new CoreCustomerPolicy(0, 70m),
            () => CoreCustomerPolicy.Parse("""{ "years": 0, "cumulativeShare": 70 }""")
        },
        {
            "payment habits",
            () => _ = new PaymentHabitPolicy(0, 30, 30),
            () => PaymentHabitPolicy.Parse("""{ "earlyDaysBeforeDue": 0, "graceDaysAfterDue": 30, "defaultAfterDaysOverdue": 30 }""")
        },
        {
            "new customers",
            () => _ = new NewCustomerPolicy(Money.Of(0m, "CNY"), Money.Of(-1m, "EUR")),
            () => NewCustomerPolicy.Parse("""{ "trialLimit": { "amount": 0, "currency": "CNY" }, "guaranteeThreshold": { "amount": -1, "currency": "EUR" } }""")
        },
        {
            "credit-term analysis",
            () => _ = new CreditTermAnalyzer(300),
            () => CreditTermAnalyzer.Parse("""{ "dayCountBasis": 300 }""")
        },
    };

    [Theory]
    [MemberData(nameof(SameBadValues))]
    public void Ctor_RefusesWhatParseRefuses_WithTheSameProblems(string configuration, Action construct, Action parse)
    {
        var parsed = Assert.Throws<InvalidConfigurationException>(parse);
        var constructed = Assert.Throws<ArgumentException>(construct);

        Assert.True(parsed.Problems.Count > 0, $"{configuration}: Parse found nothing wrong");
        Assert.StartsWith(string.Join("; ", parsed.Problems), constructed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctor_AcceptsTheShippedValues()
    {
        var order = OrderCheckPolicy.Default;
        var abc = AbcPolicy.Default;

        Assert.Equal(order.StopLineDaysOverdue, new OrderCheckPolicy(order.StopLineDaysOverdue, order.ReleaseAmountTolerance, order.ReleaseDaysTolerance).StopLineDaysOverdue);
        Assert.Equal(abc.WatchShare, new AbcPolicy(abc.HighRiskShare, abc.WatchShare).WatchShare);
        Assert.Equal(365, new CreditTermAnalyzer(365).DayCountBasis);
    }
}
