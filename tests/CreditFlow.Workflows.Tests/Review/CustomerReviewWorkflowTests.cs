using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Domain.Reviews;
using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;
using CreditFlow.Storage.Applications;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Reviews;
using CreditFlow.Workflows.Approvals;
using CreditFlow.Workflows.Review;
using CreditFlow.Workflows.Tests.Policies;
using CreditFlow.Workflows.Tests.Onboarding;
using CreditFlow.Workflows.Tests.Testing;
using CreditFlow.Workflows.Warnings;

namespace CreditFlow.Workflows.Tests.Review;

/// <summary>
/// A customer re-reviewed by <see cref="CustomerReviewWorkflow"/> on CreditFlow's engine and real storage, the fake clock
/// jumping from review to review. The customer is granted class B and 1,000,000.00 CNY on Monday 5 January 2026; the
/// multi-dimension scorecard gives its sound figures 78.6 (B), strong ones 100 (A), weak ones 54.7 (C); the class
/// coefficients are A 0.15, B 0.10, C 0.05 of annual sales, so a move from B to C halves the limit.
/// </summary>
public sealed class CustomerReviewWorkflowTests : IAsyncLifetime
{
    private static readonly Money Million = Money.Of(1_000_000m, "CNY");
    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WorkflowTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ClassB_ReviewedOverAYear_ConfirmedThenDowngradedAtOnce_AnUpgradeRefused_ThenOneApproved()
    {
        var customer = await GrantedAsync(CreditClass.B, Applications.SoundFigures);
        await Reviews.StartAsync(customer, CreditClass.B, _host.Now, CancellationToken.None);
        var first = await _host.WaitForStatusAsync<ReviewProgress>(ReviewIds.For(customer), p => p.Status == "WaitingForReview" && p.Cycle == 1);
        Assert.Equal(At(2026, 4, 5), first.DueAt); // quarterly for class B, at 01:00 UTC

        // April: the same figures, the same class.
        var second = await ReviewAtAsync(customer, first.DueAt!.Value, cycle: 2);
        Assert.Equal(At(2026, 7, 5), second.DueAt);
        Assert.Equal(("NoChange", CreditClass.B), await OutcomeAsync(customer, 1));
        Assert.Equal(1, (await _host.Get<ReviewStore>().GetAsync(customer, 1))!.PolicyVersion); // the shipped version

        // July: weaker statements. Class C halves the limit, in force at once; C is reviewed monthly.
        await FiguresAsync(customer, Weak);
        var third = await ReviewAtAsync(customer, second.DueAt!.Value, cycle: 3);
        Assert.Equal(("Applied", CreditClass.C), await OutcomeAsync(customer, 2));
        Assert.Equal((CreditClass.C, 500_000m), await ProfileAsync(customer));
        Assert.Equal(At(2026, 8, 5), third.DueAt);
        Assert.Contains(await _host.Store.Decisions.ListForCustomerAsync(customer), d => d.What == "review 2: class C, limit 500,000.00 CNY");

        // August: strong statements propose class A at 1,500,000.00 CNY; the credit manager refuses. Nothing changes.
        await FiguresAsync(customer, Strong);
        _host.Clock.SetUtcNow(third.DueAt!.Value);
        Assert.Equal(CreditRole.CreditManager, await DecideAsync(customer, 3, ApprovalOutcome.Rejected, "one good quarter is not a trend"));
        var fourth = await _host.WaitForStatusAsync<ReviewProgress>(ReviewIds.For(customer), p => p.Status == "WaitingForReview" && p.Cycle == 4);
        Assert.Equal("Refused", (await _host.Get<ReviewStore>().GetAsync(customer, 3))!.Outcome);
        Assert.Equal(1_500_000m, (await _host.Get<ReviewStore>().GetAsync(customer, 3))!.Proposal.Limit.Amount);
        Assert.Equal((CreditClass.C, 500_000m), await ProfileAsync(customer));

        // September: sound again, class B at 1,000,000.00 CNY, approved.
        await FiguresAsync(customer, Applications.SoundFigures);
        _host.Clock.SetUtcNow(fourth.DueAt!.Value);
        Assert.Equal(CreditRole.CreditOfficer, await DecideAsync(customer, 4, ApprovalOutcome.Approved, "back on track")); // up to 1,000,000.00 CNY is the officer's
        await _host.WaitForStatusAsync<ReviewProgress>(ReviewIds.For(customer), p => p.Status == "WaitingForReview" && p.Cycle == 5);
        Assert.Equal((CreditClass.B, 1_000_000m), await ProfileAsync(customer));
        Assert.Equal(["NoChange", "Applied", "Refused", "Approved"], (await _host.Get<ReviewStore>().ListAsync(customer)).Select(r => r.Outcome));
    }

    [Fact]
    public async Task AnApprovedPolicyVersionRaisingClassB_TheNextReviewClassesTheCustomerC_AndTheReviewNamesTheVersion()
    {
        var customer = await GrantedAsync(CreditClass.B, Applications.SoundFigures);
        var version = await StricterClassB.ApproveAsync(_host);

        await Reviews.StartAsync(customer, CreditClass.B, _host.Now, CancellationToken.None);
        var first = await _host.WaitForStatusAsync<ReviewProgress>(ReviewIds.For(customer), p => p.Status == "WaitingForReview" && p.Cycle == 1);
        await ReviewAtAsync(customer, first.DueAt!.Value, cycle: 2);

        // The same figures that were class B under version 1 are class C under version 2: a decrease, at once.
        var review = (await _host.Get<ReviewStore>().GetAsync(customer, 1))!;
        Assert.Equal(("Applied", CreditClass.C, (int?)version), (review.Outcome, review.FoundClass, review.PolicyVersion));
        Assert.Equal((CreditClass.C, 500_000m), await ProfileAsync(customer));
    }

    [Fact]
    public async Task WarningsInTwoPeriodsInARow_RestrictedCreditProposedAndApproved_ARedWarningOpensAReviewAtOnce()
    {
        var customer = await GrantedAsync(CreditClass.B, Applications.SoundFigures);
        await Reviews.StartAsync(customer, CreditClass.B, _host.Now, CancellationToken.None);
        var first = await _host.WaitForStatusAsync<ReviewProgress>(ReviewIds.For(customer), p => p.Status == "WaitingForReview" && p.Cycle == 1);

        await WarnAsync(customer, "ownership-1", SignalKind.OwnershipChange);
        await ReviewAtAsync(customer, first.DueAt!.Value, cycle: 2);
        Assert.Equal("NoChange", (await _host.Get<ReviewStore>().GetAsync(customer, 1))!.Outcome); // one period with a warning is not two

        // A lawsuit is red: the review runs now, not at its date, and finds warnings in both periods.
        _host.Clock.SetUtcNow(first.DueAt!.Value.AddDays(10));
        await WarnAsync(customer, "court-1", SignalKind.MajorLawsuit);
        Assert.Equal(CreditRole.CreditManager, await DecideAsync(customer, 2, ApprovalOutcome.Approved, "restrict until the lawsuit is settled"));
        await _host.WaitForStatusAsync<ReviewProgress>(ReviewIds.For(customer), p => p.Status == "WaitingForReview" && p.Cycle == 3);
        var review = (await _host.Get<ReviewStore>().GetAsync(customer, 2))!;
        Assert.StartsWith("red warning: major lawsuit", review.Reason, StringComparison.Ordinal);
        Assert.Equal(first.DueAt!.Value.AddDays(10), review.ReviewedAt);
        Assert.Equal((ReviewChange.Restricted, "Approved"), (review.Proposal.Change, review.Outcome));
        var profile = (await _host.Store.Profiles.GetAsync(customer))!.Value;
        Assert.Equal((CreditProfileStatus.Restricted, 500_000m), (profile.Status, profile.Limit.Amount));
    }

    [Fact]
    public async Task ClassAInEveryReviewForTwoYears_StrategicCreditProposedToTheCreditManager()
    {
        var customer = await GrantedAsync(CreditClass.A, Strong);
        await Reviews.StartAsync(customer, CreditClass.A, _host.Now, CancellationToken.None);
        var next = await _host.WaitForStatusAsync<ReviewProgress>(ReviewIds.For(customer), p => p.Status == "WaitingForReview" && p.Cycle == 1);

        // Half-yearly for class A: July 2026, January, July 2027 and January 2028 confirm class A.
        for (var cycle = 2; cycle <= 5; cycle++)
        {
            next = await ReviewAtAsync(customer, next.DueAt!.Value, cycle);
        }

        Assert.All(await _host.Get<ReviewStore>().ListAsync(customer), r => Assert.Equal(("NoChange", CreditClass.A), (r.Outcome, r.FoundClass)));

        // July 2028: the July 2026 review is two years back, and every review since found class A.
        Assert.Equal(At(2028, 7, 5), next.DueAt);
        _host.Clock.SetUtcNow(next.DueAt!.Value);
        Assert.Equal(CreditRole.CreditManager, await DecideAsync(customer, 5, ApprovalOutcome.Approved, "two clean years"));
        await _host.WaitForStatusAsync<ReviewProgress>(ReviewIds.For(customer), p => p.Status == "WaitingForReview" && p.Cycle == 6);
        var review = (await _host.Get<ReviewStore>().GetAsync(customer, 5))!;
        Assert.Equal((ReviewChange.Strategic, 1_200_000m, "Approved"), (review.Proposal.Change, review.Proposal.Limit.Amount, review.Outcome));
        Assert.Equal(CreditProfileStatus.Strategic, (await _host.Store.Profiles.GetAsync(customer))!.Value.Status);
    }

    private static readonly IReadOnlyDictionary<string, decimal> Strong = new Dictionary<string, decimal>(Applications.SoundFigures)
    {
        ["currentRatio"] = 2.5m, ["debtToAssetRatio"] = 30m, ["grossMargin"] = 40m, ["netMargin"] = 15m, ["receivableTurnover"] = 12m, ["cashFlowQuality"] = 1.5m,
        ["marketShare"] = 20m, ["yearsOfCooperation"] = 5m, ["managementStability"] = 5m, ["coreTechnology"] = 5m, ["industryCycle"] = 5m, ["competition"] = 5m, ["policySensitivity"] = 5m,
    };

    private static readonly IReadOnlyDictionary<string, decimal> Weak = new Dictionary<string, decimal>(Applications.SoundFigures)
    {
        ["currentRatio"] = 0.8m, ["debtToAssetRatio"] = 80m, ["grossMargin"] = 10m, ["netMargin"] = 1m, ["receivableTurnover"] = 3m, ["cashFlowQuality"] = 0.5m,
        ["marketShare"] = 2m, ["averageDaysLate"] = 40m, ["disputes"] = 3m, ["brokenPromises"] = 2m,
    };

    private CustomerReviews Reviews => _host.Get<CustomerReviews>();

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 1, 0, 0, TimeSpan.Zero);

    private async Task<string> GrantedAsync(CreditClass creditClass, IReadOnlyDictionary<string, decimal> figures)
    {
        var id = "cust-" + Guid.NewGuid().ToString("N")[..10];
        await _host.Store.Customers.CreateAsync(new Customer(id, "Harbour Foods " + id, "REG-" + id, null, "food", _host.Now));
        await _host.Store.Profiles.CreateAsync(
            new CustomerCreditProfile(id, creditClass, Million, 30, "none", CreditProfileStatus.Active, 78m, null, null, null),
            new CreditDecision("granted", id, _host.Now, "test", "credit granted", "test setup", "{}", null, null));
        await _host.Store.Applications.CreateAsync(new CreditApplication("app-" + id, id, Million, 30, figures, "visited", ApplicationStatus.Granted, "sales", _host.Now, _host.Now));
        return id;
    }

    private async Task FiguresAsync(string customer, IReadOnlyDictionary<string, decimal> figures)
    {
        var stored = (await _host.Store.Applications.GetAsync("app-" + customer))!;
        await _host.Store.Applications.UpdateAsync(stored.Value with { FinancialFigures = figures }, stored.ETag);
    }

    /// <summary>Moves the clock to the review's due time and waits until the next cycle waits.</summary>
    private async Task<ReviewProgress> ReviewAtAsync(string customer, DateTimeOffset due, int cycle)
    {
        _host.Clock.SetUtcNow(due);
        return await _host.WaitForStatusAsync<ReviewProgress>(ReviewIds.For(customer), p => p.Status == "WaitingForReview" && p.Cycle == cycle);
    }

    /// <summary>Decides the review's approval as whoever it waits for; returns that role.</summary>
    private async Task<CreditRole> DecideAsync(string customer, int cycle, ApprovalOutcome outcome, string comment)
    {
        var approval = $"{ReviewIds.For(customer)}|{cycle}|approval";
        var pending = await _host.WaitForStatusAsync<PendingApproval>(approval, _ => true);
        await _host.Client.RaiseEventAsync(approval, ApprovalEvents.Decision, new ApprovalDecision(pending.Step, outcome, null, comment, pending.ApproverEmail, pending.Role, _host.Now));
        return pending.Role;
    }

    private async Task WarnAsync(string customer, string signalId, SignalKind kind)
    {
        var warning = new WarningSignal(signalId, CreditSignal.Event(customer, kind, _host.Now));
        await _host.Get<CustomerWarnings>().StartAsync(warning, CancellationToken.None);
        await _host.WaitForStatusAsync<WarningOutcome>(warning.InstanceId, s => s.Status == "AwaitingAnswer");
    }

    private async Task<(string, CreditClass)> OutcomeAsync(string customer, int cycle) =>
        (await _host.Get<ReviewStore>().GetAsync(customer, cycle)) is { } r ? (r.Outcome, r.FoundClass) : throw new InvalidOperationException($"no review {cycle}");

    private async Task<(CreditClass?, decimal)> ProfileAsync(string customer) =>
        (await _host.Store.Profiles.GetAsync(customer))!.Value is var p ? (p.Class, p.Limit.Amount) : default;
}
