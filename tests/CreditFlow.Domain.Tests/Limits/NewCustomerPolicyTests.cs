using CreditFlow.Domain.Configuration;
using CreditFlow.Domain.Limits;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Tests.Limits;

public sealed class NewCustomerPolicyTests
{
    private static Money Cny(decimal amount) => Money.Of(amount, "CNY");

    [Theory]
    [InlineData(80_000, 80_000, false)]
    [InlineData(100_000, 100_000, false)]
    [InlineData(300_000, 100_000, false)]
    [InlineData(500_000, 100_000, false)]
    [InlineData(500_000.01, 100_000, true)]
    [InlineData(2_000_000, 100_000, true)]
    public void Assess_DefaultPolicy_TrialLimitAndGuaranteeAbove500Thousand(decimal requested, decimal trial, bool guarantee)
    {
        var terms = NewCustomerPolicy.Default.Assess(Cny(requested));

        Assert.Equal(Cny(trial), terms.TrialLimit);
        Assert.Equal(guarantee, terms.GuaranteeRequired);
        Assert.Equal(Cny(requested), terms.Requested);
    }

    [Fact]
    public void Assess_LargeRequest_ExplainsTheGuarantee()
    {
        var terms = NewCustomerPolicy.Default.Assess(Cny(800_000m));

        Assert.Equal("trial limit 100,000.00 CNY (at most 100,000.00 CNY); request 800,000.00 CNY above 500,000.00 CNY: guarantee or collateral required", terms.Reason);
    }

    [Fact]
    public void Assess_OtherCurrency_Throws()
    {
        Assert.Throws<CurrencyMismatchException>(() => NewCustomerPolicy.Default.Assess(Money.Of(1_000m, "EUR")));
    }

    [Fact]
    public void Parse_InvalidAmounts_ListsEveryProblem()
    {
        const string Json = """
            { "trialLimit": { "amount": 0, "currency": "CNY" }, "guaranteeThreshold": { "amount": -1, "currency": "EUR" } }
            """;

        var error = Assert.Throws<InvalidConfigurationException>(() => NewCustomerPolicy.Parse(Json));

        Assert.Equal(
            [
                "$.trialLimit.amount: 0 must be above 0",
                "$.guaranteeThreshold.amount: -1 must not be negative",
                "$.guaranteeThreshold.currency: EUR differs from the trial limit's CNY",
            ],
            error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Parse_BadCurrencyAndMissingThreshold_AreReported()
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => NewCustomerPolicy.Parse("""{ "trialLimit": { "amount": 5, "currency": "yuan" } }"""));

        Assert.Equal(
            ["$.trialLimit.currency: 'yuan' is not a three-letter ISO 4217 code", "$.guaranteeThreshold: is required"],
            error.Problems.Select(p => p.ToString()));
    }
}
