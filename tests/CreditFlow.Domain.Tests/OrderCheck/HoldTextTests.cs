using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;

namespace CreditFlow.Domain.Tests.OrderCheck;

public sealed class HoldTextTests
{
    [Fact]
    public void Named_TheChecksReasonsAndRemedies_NameTheCustomerByItsName()
    {
        var checker = new OrderCreditCheck(OrderCheckPolicy.Default, AuthorityMatrix.Default);
        var zero = Money.Zero(new Currency("CNY"));
        var decision = checker.Check(
            new CreditProfile("c2", CreditClass.D, Money.Of(100_000m, "CNY"), blacklisted: true, limitFrozen: true),
            new CreditExposure(zero, zero, zero),
            [],
            new OrderRequest("o1", Money.Of(10_000m, "CNY"), new DateOnly(2026, 6, 30), zero),
            new DateOnly(2026, 6, 30));

        var reasons = decision.Reasons.Select(r => HoldText.Named(r.Explanation, "c2", "Ningbo Seaside Trading Co.")).ToList();
        var remedies = decision.Remedies.Select(r => HoldText.Named(r.Explanation, "c2", "Ningbo Seaside Trading Co.")).ToList();

        Assert.Equal(
            ["Ningbo Seaside Trading Co. is blacklisted: no credit", "Ningbo Seaside Trading Co. is class D: no credit", "the credit limit of Ningbo Seaside Trading Co. is frozen"],
            reasons);
        Assert.Contains("the credit committee grants an exception: 10,000.00 CNY on credit although Ningbo Seaside Trading Co. is blacklisted", remedies);
        Assert.DoesNotContain(reasons.Concat(remedies), s => s.Contains("customer c2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("customer c20 is blacklisted: no credit", "c2", "Ningbo Seaside Trading Co.", "customer c20 is blacklisted: no credit")]
    [InlineData("customer c2 is blacklisted: no credit", "c2", null, "customer c2 is blacklisted: no credit")]
    [InlineData("customer c2 is blacklisted: no credit", "c2", " ", "customer c2 is blacklisted: no credit")]
    [InlineData("over limit by 8,000.00 CNY: exposure 30,000.00 CNY + order 8,000.00 CNY > limit 30,000.00 CNY", "c2", "Ningbo", "over limit by 8,000.00 CNY: exposure 30,000.00 CNY + order 8,000.00 CNY > limit 30,000.00 CNY")]
    public void Named_AnotherCustomer_NoName_OrNoCustomerInIt_LeavesTheSentence(string sentence, string customerId, string? name, string expected) =>
        Assert.Equal(expected, HoldText.Named(sentence, customerId, name));
}
