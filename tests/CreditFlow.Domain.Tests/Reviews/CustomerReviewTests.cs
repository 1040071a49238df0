using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Reviews;

namespace CreditFlow.Domain.Tests.Reviews;

public sealed class CustomerReviewTests
{
    private static readonly DateOnly Today = new(2028, 1, 10);
    private static readonly Money Million = Money.Of(1_000_000m, "CNY");

    private static ReviewFacts Facts(CreditClass now, CreditClass rescored, decimal factor = 1m, int warnings = 0, int warningsBefore = 0, CreditProfileStatus status = CreditProfileStatus.Active, params (DateOnly, CreditClass)[] past) =>
        new(Today, status, now, Million, rescored, factor, past, warnings, warningsBefore, Today.AddMonths(-3));

    [Fact]
    public void WorseClass_IsADecrease_TakingEffectAtOnce()
    {
        var proposal = CustomerReview.Propose(Facts(CreditClass.B, CreditClass.C, factor: 0.5m), ReviewPolicy.Default);

        Assert.Equal((ReviewChange.Decrease, CreditClass.C, 500_000m, false), (proposal.Change, proposal.Class, proposal.Limit.Amount, proposal.NeedsApproval));
        Assert.Contains("rescored as class C (was B)", proposal.Reasons);
    }

    [Fact]
    public void BetterClass_IsAnIncrease_ThroughApproval()
    {
        var proposal = CustomerReview.Propose(Facts(CreditClass.B, CreditClass.A, factor: 1.5m), ReviewPolicy.Default);

        Assert.Equal((ReviewChange.Increase, 1_500_000m, true), (proposal.Change, proposal.Limit.Amount, proposal.NeedsApproval));
    }

    [Fact]
    public void SameClass_NoChange_AndTheYearlyRevisionIsMarkedOnceAYear()
    {
        var recent = CustomerReview.Propose(Facts(CreditClass.B, CreditClass.B), ReviewPolicy.Default);
        var yearLater = CustomerReview.Propose(Facts(CreditClass.B, CreditClass.B) with { LastPolicyRevision = Today.AddMonths(-12) }, ReviewPolicy.Default);

        Assert.Equal((ReviewChange.None, false, false), (recent.Change, recent.PolicyRevision, recent.NeedsApproval));
        Assert.True(yearLater.PolicyRevision);
    }

    [Fact]
    public void ClassAForTwoYearsRunning_Strategic_ButNotAfterOnlyEighteenMonths()
    {
        (DateOnly, CreditClass)[] twoYears = [(Today.AddMonths(-24), CreditClass.A), (Today.AddMonths(-18), CreditClass.A), (Today.AddMonths(-12), CreditClass.A), (Today.AddMonths(-6), CreditClass.A)];
        (DateOnly, CreditClass)[] eighteenMonths = [(Today.AddMonths(-24), CreditClass.B), .. twoYears[1..]];

        var strategic = CustomerReview.Propose(Facts(CreditClass.A, CreditClass.A, past: twoYears), ReviewPolicy.Default);
        var notYet = CustomerReview.Propose(Facts(CreditClass.A, CreditClass.A, past: eighteenMonths), ReviewPolicy.Default);

        Assert.Equal((ReviewChange.Strategic, CreditProfileStatus.Strategic, 1_200_000m, true), (strategic.Change, strategic.Status, strategic.Limit.Amount, strategic.NeedsApproval));
        Assert.Equal(ReviewChange.None, notYet.Change);
    }

    [Fact]
    public void WarningsInTwoPeriodsInARow_Restricted_OneAloneIsNot()
    {
        var restricted = CustomerReview.Propose(Facts(CreditClass.B, CreditClass.B, warnings: 1, warningsBefore: 2), ReviewPolicy.Default);
        var once = CustomerReview.Propose(Facts(CreditClass.B, CreditClass.B, warnings: 1), ReviewPolicy.Default);
        var already = CustomerReview.Propose(Facts(CreditClass.B, CreditClass.B, warnings: 1, warningsBefore: 1, status: CreditProfileStatus.Restricted), ReviewPolicy.Default);

        Assert.Equal((ReviewChange.Restricted, CreditProfileStatus.Restricted, 500_000m, true), (restricted.Change, restricted.Status, restricted.Limit.Amount, restricted.NeedsApproval));
        Assert.Equal(ReviewChange.None, once.Change);
        Assert.Equal(ReviewChange.None, already.Change);
    }

    [Theory]
    [InlineData(CreditClass.A, false, 2028, 7, 10)]
    [InlineData(CreditClass.B, false, 2028, 4, 10)]
    [InlineData(CreditClass.C, false, 2028, 2, 10)]
    [InlineData(CreditClass.A, true, 2028, 2, 10)]
    public void NextReview_ByClass_MonthlyWithAnOpenWarning(CreditClass creditClass, bool warned, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), ReviewPolicy.Default.NextReview(Today, creditClass, warned));
    }

    [Fact]
    public void Policy_UnusableNumbers_AreNamed()
    {
        var problems = (ReviewPolicy.Default with { MonthsForB = 0, RestrictedLimitShare = 1.5m }).Problems();

        Assert.Equal(["MonthsForB must be at least 1, was 0", "RestrictedLimitShare must be above 0 and at most 1 (restricted credit is tighter), was 1.5"], problems);
        Assert.Empty(ReviewPolicy.Default.Problems());
    }
}
