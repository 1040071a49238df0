using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage.Approvals;
using CreditFlow.Testing;

namespace CreditFlow.Storage.Tests.Approvals;

public sealed class ApprovalRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static ApprovalRecord Approval(string step, ApprovalOutcome outcome, Money? amount = null, int minutes = 0) => new(
        "app1", step, CreditRole.CreditManager, outcome, amount, "ok with a guarantee", "manager.zhang", TestStore.Start.AddMinutes(minutes));

    [Fact]
    public async Task RecordAsync_ApprovedLower_RoundTripsAmount()
    {
        var store = await TestStore.OpenAsync(azurite);
        var approval = Approval("1-CreditManager", ApprovalOutcome.ApprovedLower, Money.Of(800000.50m, "CNY"));

        await store.Approvals.RecordAsync(approval);

        Assert.Equal(approval, await store.Approvals.GetAsync("app1", "1-CreditManager"));
    }

    [Fact]
    public async Task RecordAsync_StepDecidedConcurrently_ExactlyOneStored()
    {
        var store = await TestStore.OpenAsync(azurite);

        var results = await Task.WhenAll(
            Attempt(Approval("1-CreditManager", ApprovalOutcome.Approved)),
            Attempt(Approval("1-CreditManager", ApprovalOutcome.Rejected)));

        Assert.Single(results, ok => ok);
        Assert.Single(await store.Approvals.ListForSubjectAsync("app1"));

        async Task<bool> Attempt(ApprovalRecord approval)
        {
            try
            {
                await store.Approvals.RecordAsync(approval);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }
    }

    [Fact]
    public async Task ListForSubjectAsync_TwoSteps_InDecisionOrder()
    {
        var store = await TestStore.OpenAsync(azurite);
        await store.Approvals.RecordAsync(Approval("b-committee", ApprovalOutcome.Approved, minutes: 1));
        await store.Approvals.RecordAsync(Approval("z-officer", ApprovalOutcome.Approved));

        var list = await store.Approvals.ListForSubjectAsync("app1");

        Assert.Equal(["z-officer", "b-committee"], list.Select(a => a.Step));
    }

    [Fact]
    public async Task RecordAsync_ApprovedLowerWithoutAmount_ArgumentException()
    {
        var store = await TestStore.OpenAsync(azurite);

        await Assert.ThrowsAsync<ArgumentException>(() => store.Approvals.RecordAsync(Approval("1", ApprovalOutcome.ApprovedLower)));
    }

    [Fact]
    public async Task GetAsync_Undecided_Null()
    {
        var store = await TestStore.OpenAsync(azurite);

        Assert.Null(await store.Approvals.GetAsync("app1", "1"));
    }
}
