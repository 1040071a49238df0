using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;

namespace CreditFlow.Domain.Tests.OrderCheck;

public sealed class OrderCheckPropertyTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    private static Money M(decimal amount) => Money.Of(amount, "CNY");

    [Fact]
    public void Check_RandomOrders_OverLimitRemediesEachMakeTheOrderPass()
    {
        // Arrange: property over many orders — applying any one over-limit remedy clears the hold,
        // and more exposure never turns a hold into a pass.
        var checker = new OrderCreditCheck(OrderCheckPolicy.Default, AuthorityMatrix.Default);
        var random = new Random(7);
        for (var i = 0; i < 400; i++)
        {
            var limit = M(random.Next(1, 3_000_000));
            var profile = new CreditProfile("C", CreditClass.B, limit);
            var exposure = new CreditExposure(M(random.Next(0, 2_000_000)), M(random.Next(0, 500_000)), M(random.Next(0, 500_000)));
            var order = new OrderRequest("O", M(random.Next(1, 1_500_000)), Today);

            // Act
            var decision = checker.Check(profile, exposure, [], order, Today);
            var more = checker.Check(profile, exposure with { OpenOrders = exposure.OpenOrders + M(random.Next(0, 100_000)) }, [], order, Today);

            // Assert
            Assert.Equal(exposure.Total + order.Amount > limit, !decision.Passed);
            Assert.True(decision.Passed || !more.Passed);
            foreach (var remedy in decision.Remedies)
            {
                var after = remedy.Kind switch
                {
                    RemedyKind.Pay => checker.Check(profile, exposure with { OpenReceivables = exposure.OpenReceivables - remedy.Amount }, [], order, Today),
                    RemedyKind.TemporaryLimitIncrease => checker.Check(new CreditProfile("C", CreditClass.B, limit + remedy.Amount), exposure, [], order, Today),
                    _ => checker.Check(profile, exposure, [], order with { PrepaymentReceived = order.PrepaymentReceived + remedy.Amount }, Today),
                };
                Assert.True(after.Passed, $"{remedy.Kind} {remedy.Amount} left {string.Join("; ", after.Reasons.Select(r => r.Explanation))}");
            }
        }
    }
}
