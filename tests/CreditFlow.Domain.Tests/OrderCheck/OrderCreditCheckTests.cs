using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Tests.OrderCheck;

public sealed class OrderCreditCheckTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    private static readonly OrderCreditCheck Checker = new(OrderCheckPolicy.Default, AuthorityMatrix.Default);

    private static Money M(decimal amount) => Money.Of(amount, "CNY");

    /// <summary>An invoice of the customer falling due on <paramref name="due"/> (on a 30-day term) with nothing paid.</summary>
    private static Invoice Due(string id, DateOnly due, Money amount) => new("C1", id, due.AddDays(-30), due, amount);

    // Exposure 850,000 = receivables 700,000 + shipped 100,000 + open orders 50,000.
    private static CreditExposure Exposure850K => new(M(700_000m), M(100_000m), M(50_000m));

    private static CreditProfile Profile(CreditClass creditClass = CreditClass.B, bool blacklisted = false, bool frozen = false, decimal prepay = 0m) =>
        new("C1", creditClass, M(1_000_000m), blacklisted, frozen, prepay);

    private static OrderRequest Order(decimal amount, decimal prepaid = 0m) => new("O1", M(amount), Today, M(prepaid));

    [Fact]
    public void Check_ExposurePlusOrderExactlyAtLimit_Passes()
    {
        // Act: 850,000 + 150,000 = 1,000,000 = limit.
        var decision = Checker.Check(Profile(), Exposure850K, [], Order(150_000m), Today);

        // Assert
        Assert.Equal(OrderOutcome.Pass, decision.Outcome);
        Assert.Empty(decision.Reasons);
        Assert.Null(decision.Approver);
        Assert.Equal(M(1_000_000m), decision.AmountAtStake);
    }

    [Fact]
    public void Check_OverLimit_HeldWithExcessApproverAndThreeRemedies()
    {
        // Act: 850,000 + 250,000 = 1,100,000, i.e. 100,000 over the 1,000,000 limit.
        var decision = Checker.Check(Profile(), Exposure850K, [], Order(250_000m), Today);

        // Assert
        Assert.Equal(OrderOutcome.Hold, decision.Outcome);
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal(HoldReasonKind.OverLimit, reason.Kind);
        Assert.Equal(M(100_000m), reason.Amount);
        Assert.Contains("over limit by 100,000.00 CNY", reason.Explanation, StringComparison.Ordinal);

        // 1,100,000 at stake is above the officer's 1,000,000: the credit manager decides.
        Assert.Equal(CreditRole.CreditManager, decision.Approver!.Role);
        Assert.Equal([CreditRole.CreditManager], decision.ApprovalSteps.Select(s => s.Role));

        var pay = Assert.Single(decision.Remedies, r => r.Kind == RemedyKind.Pay);
        Assert.Equal(M(100_000m), pay.Amount);
        var limit = Assert.Single(decision.Remedies, r => r.Kind == RemedyKind.TemporaryLimitIncrease);
        Assert.Equal(M(100_000m), limit.Amount);
        var prepay = Assert.Single(decision.Remedies, r => r.Kind == RemedyKind.Prepay);
        Assert.Equal(M(100_000m), prepay.Amount);
        Assert.Equal(0.4m, prepay.PrepaidShare); // 100,000 / 250,000
    }

    [Fact]
    public void Check_OverLimitSmallStake_StillNeedsTheManagerMinimum()
    {
        // Arrange: limit 300,000, exposure 280,000 + order 50,000 = 330,000 — an officer-size amount.
        var profile = new CreditProfile("C1", CreditClass.A, M(300_000m));
        var exposure = new CreditExposure(M(10_000m), M(270_000m), M(0m));

        // Act
        var decision = Checker.Check(profile, exposure, [], Order(50_000m), Today);

        // Assert: over-limit orders are the credit manager's (policy minimum), not the officer's.
        Assert.Equal(CreditRole.CreditManager, decision.Approver!.Role);
        Assert.DoesNotContain(decision.Remedies, r => r.Kind == RemedyKind.Pay); // 30,000 excess > 10,000 receivables
        Assert.Equal(M(30_000m), Assert.Single(decision.Remedies, r => r.Kind == RemedyKind.TemporaryLimitIncrease).Amount);
    }

    [Theory]
    [InlineData(29, OrderOutcome.Pass)]
    [InlineData(30, OrderOutcome.Hold)]
    [InlineData(95, OrderOutcome.Hold)]
    public void Check_InvoiceOverdue_HeldFromTheStopLine(int daysOverdue, OrderOutcome expected)
    {
        // Arrange
        var invoice = Due("INV-7", Today.AddDays(-daysOverdue), M(40_000m));

        // Act
        var decision = Checker.Check(Profile(), Exposure850K, [invoice], Order(10_000m), Today);

        // Assert
        Assert.Equal(expected, decision.Outcome);
        if (expected == OrderOutcome.Hold)
        {
            var reason = Assert.Single(decision.Reasons);
            Assert.Equal(HoldReasonKind.OverdueBeyondStopLine, reason.Kind);
            Assert.Equal(("INV-7", daysOverdue), (reason.InvoiceId, reason.DaysOverdue!.Value));
            Assert.Equal(M(40_000m), Assert.Single(decision.Remedies).Amount);
        }
    }

    [Fact]
    public void Check_TwoOverdueInvoices_PayRemedyIsTheirSum()
    {
        // Arrange: one over the line, one over, one below (not counted), one paid up.
        Invoice[] invoices =
        [
            Due("A", Today.AddDays(-31), M(15_000m)),
            Due("B", Today.AddDays(-61), M(25_000m)),
            Due("C", Today.AddDays(-10), M(99_000m)),
            Due("D", Today.AddDays(-90), M(7_000m)) with { Paid = M(7_000m) },
        ];

        // Act
        var decision = Checker.Check(Profile(), Exposure850K, invoices, Order(10_000m), Today);

        // Assert
        Assert.Equal(["B", "A"], decision.Reasons.Select(r => r.InvoiceId));
        Assert.Equal(M(40_000m), Assert.Single(decision.Remedies).Amount);
    }

    [Fact]
    public void Check_ClassD_HeldForTheCommitteeUnlessFullyPrepaid()
    {
        // Act
        var onCredit = Checker.Check(Profile(CreditClass.D), Exposure850K, [], Order(10_000m, prepaid: 4_000m), Today);
        var prepaid = Checker.Check(Profile(CreditClass.D), Exposure850K, [], Order(10_000m, prepaid: 10_000m), Today);

        // Assert
        Assert.Equal(HoldReasonKind.ClassD, Assert.Single(onCredit.Reasons).Kind);
        Assert.Equal(CreditRole.CreditCommittee, onCredit.Approver!.Role);
        var prepay = Assert.Single(onCredit.Remedies, r => r.Kind == RemedyKind.Prepay);
        Assert.Equal((M(6_000m), 1m), (prepay.Amount, prepay.PrepaidShare!.Value));
        Assert.True(prepaid.Passed);
    }

    [Fact]
    public void Check_Blacklisted_HeldForTheCommittee()
    {
        // Act
        var decision = Checker.Check(Profile(blacklisted: true), Exposure850K, [], Order(10_000m), Today);

        // Assert
        Assert.Equal(HoldReasonKind.Blacklisted, Assert.Single(decision.Reasons).Kind);
        Assert.Equal(CreditRole.CreditCommittee, decision.Approver!.Role);
    }

    [Fact]
    public void Check_GroupMemberBlacklisted_HeldNamingItFullPrepaymentClears()
    {
        // Arrange: C1 is sound, but G7 of its group is blacklisted.
        var profile = Profile() with { GroupMemberBlacklisted = new BlacklistedGroupMember("G7", "Grand Trading", "Mr. Zhao") };

        // Act
        var held = Checker.Check(profile, Exposure850K, [], Order(10_000m), Today);
        var prepaid = Checker.Check(profile, Exposure850K, [], Order(10_000m, prepaid: 10_000m), Today);

        // Assert
        var reason = Assert.Single(held.Reasons);
        Assert.Equal((HoldReasonKind.GroupMemberBlacklisted, "group member Grand Trading (G7), controlled by Mr. Zhao, is blacklisted"), (reason.Kind, reason.Explanation));
        Assert.Equal([(RemedyKind.Prepay, HoldReasonKind.GroupMemberBlacklisted)], held.Remedies.Select(r => (r.Kind, r.Clears)));
        Assert.Equal(OrderOutcome.Pass, prepaid.Outcome);
    }

    [Fact]
    public void HoldReasonKind_ExistingKinds_KeepTheirNumbers()
    {
        // Holds in flight keep their reasons' kinds in workflow history: a new kind is added last.
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], Enum.GetValues<HoldReasonKind>().Select(k => (int)k));
        Assert.Equal(HoldReasonKind.OverLimit, (HoldReasonKind)6);
    }

    [Fact]
    public void Check_BlacklistedOverLimit_OnlyFullPrepaymentOrACommitteeException()
    {
        // Arrange: the case — a blacklisted customer (class D, as a blacklisted customer always is),
        // 1,000 CNY over its limit: 850,000 + 151,000 = 1,001,000 > 1,000,000.
        var profile = Profile(CreditClass.D, blacklisted: true);

        // Act
        var decision = Checker.Check(profile, Exposure850K, [], Order(151_000m), Today);

        // Assert: every reason is still listed...
        Assert.Equal([HoldReasonKind.Blacklisted, HoldReasonKind.ClassD, HoldReasonKind.OverLimit], decision.Reasons.Select(r => r.Kind));

        // ...but no temporary limit increase, receivables payment or partial prepayment is offered.
        Assert.Equal([RemedyKind.Prepay, RemedyKind.CommitteeException], decision.Remedies.Select(r => r.Kind));
        Assert.DoesNotContain(decision.Remedies, r => r.Explanation.Contains("limit increase", StringComparison.Ordinal));
        var prepay = decision.Remedies[0];
        Assert.Equal((M(151_000m), 1m, HoldReasonKind.Blacklisted), (prepay.Amount, prepay.PrepaidShare!.Value, prepay.Clears));
        Assert.Equal("prepay the remaining 151,000.00 CNY (100% of the order): no credit is extended", prepay.Explanation);
        var exception = decision.Remedies[1];
        Assert.Equal((M(151_000m), HoldReasonKind.Blacklisted), (exception.Amount, exception.Clears));
        Assert.Equal("the credit committee grants an exception: 151,000.00 CNY on credit although customer C1 is blacklisted", exception.Explanation);
        Assert.Equal(CreditRole.CreditCommittee, decision.Approver!.Role);
    }

    [Fact]
    public void Check_ClassDWithOverdueAndOverLimit_OnlyFullPrepaymentOrACommitteeException()
    {
        // Arrange: class D, an invoice past the stop line, a missing 50% prepayment and 250,000 over the limit.
        var overdue = Due("OLD", Today.AddDays(-45), M(20_000m));

        // Act
        var decision = Checker.Check(Profile(CreditClass.D, prepay: 0.5m), Exposure850K, [overdue], Order(500_000m, prepaid: 100_000m), Today);

        // Assert
        Assert.Equal(4, decision.Reasons.Count);
        Assert.Equal([RemedyKind.Prepay, RemedyKind.CommitteeException], decision.Remedies.Select(r => r.Kind));
        Assert.All(decision.Remedies, r => Assert.Equal(HoldReasonKind.ClassD, r.Clears));
        Assert.Equal((M(400_000m), 1m), (decision.Remedies[0].Amount, decision.Remedies[0].PrepaidShare!.Value));
        Assert.EndsWith("although customer C1 is class D", decision.Remedies[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BlacklistedFullyPrepaid_Passes()
    {
        // Act: the 100% prepayment the hold offers clears the blacklist and the class (no credit is extended).
        var decision = Checker.Check(Profile(CreditClass.D, blacklisted: true), Exposure850K, [], Order(151_000m, prepaid: 151_000m), Today);

        // Assert
        Assert.True(decision.Passed);
    }

    [Fact]
    public void Check_LimitFrozen_HeldForTheTierOfTheAmount()
    {
        // Act: 850,000 + 10,000 is within the officer's 1,000,000 and no minimum applies to frozen limits.
        var decision = Checker.Check(Profile(frozen: true), Exposure850K, [], Order(10_000m), Today);

        // Assert
        Assert.Equal(HoldReasonKind.LimitFrozen, Assert.Single(decision.Reasons).Kind);
        Assert.Equal(CreditRole.CreditOfficer, decision.Approver!.Role);
    }

    [Fact]
    public void Check_PrepaymentShort_HeldWithMissingAmount()
    {
        // Act: 30% of 100,000 = 30,000 required, 5,000 received.
        var decision = Checker.Check(Profile(prepay: 0.3m), Exposure850K, [], Order(100_000m, prepaid: 5_000m), Today);
        var enough = Checker.Check(Profile(prepay: 0.3m), Exposure850K, [], Order(100_000m, prepaid: 30_000m), Today);

        // Assert
        var reason = Assert.Single(decision.Reasons);
        Assert.Equal((HoldReasonKind.PrepaymentNotReceived, M(25_000m)), (reason.Kind, reason.Amount!.Value));
        var remedy = Assert.Single(decision.Remedies);
        Assert.Equal((RemedyKind.Prepay, M(25_000m), 0.3m), (remedy.Kind, remedy.Amount, remedy.PrepaidShare!.Value));
        Assert.True(enough.Passed);
    }

    [Fact]
    public void Check_NotOnCreditList_HeldForOnboardingOnly()
    {
        // Arrange
        var profile = CreditProfile.NotOnCreditList("NEW", new("CNY"));

        // Act
        var decision = Checker.Check(profile, CreditExposure.Zero(new("CNY")), [], Order(10_000m), Today);

        // Assert: no class, no limit yet — only the onboarding reason.
        Assert.Equal(HoldReasonKind.NotOnCreditList, Assert.Single(decision.Reasons).Kind);
    }

    [Fact]
    public void Check_EverythingWrong_ListsEveryReason()
    {
        // Arrange
        var profile = Profile(CreditClass.D, blacklisted: true, frozen: true, prepay: 0.5m);
        var overdue = Due("OLD", Today.AddDays(-200), M(1_000m));

        // Act: 850,000 + 400,000 credit part = 1,250,000 > limit.
        var decision = Checker.Check(profile, Exposure850K, [overdue], Order(500_000m, prepaid: 100_000m), Today);

        // Assert
        Assert.Equal(
            [HoldReasonKind.Blacklisted, HoldReasonKind.ClassD, HoldReasonKind.LimitFrozen, HoldReasonKind.PrepaymentNotReceived, HoldReasonKind.OverdueBeyondStopLine, HoldReasonKind.OverLimit],
            decision.Reasons.Select(r => r.Kind));
        Assert.Equal(M(250_000m), decision.Reasons.Single(r => r.Kind == HoldReasonKind.OverLimit).Amount);
        Assert.Equal(M(150_000m), decision.Reasons.Single(r => r.Kind == HoldReasonKind.PrepaymentNotReceived).Amount);
        Assert.Equal(CreditRole.CreditCommittee, decision.Approver!.Role);
    }

    [Fact]
    public void Check_CumulativeMatrix_ApprovalStepsFromTheOfficerUp()
    {
        // Arrange
        var matrix = AuthorityMatrix.Parse("""
            { "currency": "CNY", "cumulative": true,
              "tiers": [ { "role": "CreditOfficer", "upTo": 1000000 }, { "role": "CreditManager", "upTo": 5000000 }, { "role": "CreditCommittee" } ] }
            """);
        var checker = new OrderCreditCheck(OrderCheckPolicy.Default, matrix);

        // Act
        var decision = checker.Check(Profile(), Exposure850K, [], Order(250_000m), Today);

        // Assert
        Assert.Equal([CreditRole.CreditOfficer, CreditRole.CreditManager], decision.ApprovalSteps.Select(s => s.Role));
    }
}
