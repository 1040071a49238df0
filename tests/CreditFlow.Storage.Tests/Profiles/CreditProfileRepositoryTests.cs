using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Customers;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;

namespace CreditFlow.Storage.Tests.Profiles;

public sealed class CreditProfileRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly CustomerCreditProfile Applicant = new(
        "c1", null, Money.Of(0m, "CNY"), 0, string.Empty, CreditProfileStatus.Applicant, null, null, null, null);

    private static CreditDecision Decision(string id, string what, int minutes = 0) => new(
        id, "c1", TestStore.Start.AddMinutes(minutes), "officer.li", what, "because", """{"score":71.5}""", "multi-dimension/1", "app1");

    [Fact]
    public async Task CreateAsync_ProfileWithDecision_RoundTripsBoth()
    {
        var store = await TestStore.OpenAsync(azurite);
        var trial = Applicant with
        {
            Class = CreditClass.B,
            Limit = Money.Of(1234567.89m, "CNY"),
            TermDays = 30,
            Conditions = "guarantee by parent",
            Status = CreditProfileStatus.Trial,
            Score = 71.55m,
            ModelId = "multi-dimension",
            ModelVersion = "1",
            CreditReportBlob = "reports/c1/1.html",
        };

        var created = await store.Profiles.CreateAsync(trial, Decision("d1", "trial granted"));
        var read = await store.Profiles.GetAsync("c1");

        Assert.Equal(trial, read!.Value);
        Assert.Equal(created.ETag, read.ETag);
        Assert.Equal("trial granted", Assert.Single(await store.Decisions.ListForCustomerAsync("c1")).What);
    }

    [Fact]
    public async Task GetAsync_LimitWithCents_DecimalExact()
    {
        var store = await TestStore.OpenAsync(azurite);
        await store.Profiles.CreateAsync(Applicant with { Limit = Money.Of(1234567.89m, "CNY") }, Decision("d1", "created"));

        var limit = (await store.Profiles.GetAsync("c1"))!.Value.Limit;

        Assert.Equal(1234567.89m, limit.Amount);
        Assert.Equal("1234567.89", limit.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("CNY", limit.Currency.Code);
    }

    [Fact]
    public async Task UpdateAsync_CurrentETag_StoresProfileAndDecision()
    {
        var store = await TestStore.OpenAsync(azurite);
        var created = await store.Profiles.CreateAsync(Applicant, Decision("d1", "applicant"));

        var updated = await store.Profiles.UpdateAsync(
            created.Value with { Status = CreditProfileStatus.Active }, created.ETag, Decision("d2", "activated", 1));

        Assert.NotEqual(created.ETag, updated.ETag);
        var read = await store.Profiles.GetAsync("c1");
        Assert.Equal(CreditProfileStatus.Active, read!.Value.Status);
        Assert.Equal(updated.ETag, read.ETag);
        Assert.Equal(["activated", "applicant"], (await store.Decisions.ListForCustomerAsync("c1")).Select(d => d.What));
    }

    [Fact]
    public async Task UpdateAsync_TwoConcurrentUpdatesWithSameETag_ExactlyOneWins()
    {
        var store = await TestStore.OpenAsync(azurite);
        var created = await store.Profiles.CreateAsync(Applicant, Decision("d1", "applicant"));

        var results = await Task.WhenAll(
            Attempt(created.Value with { Status = CreditProfileStatus.Active }, "d2"),
            Attempt(created.Value with { Status = CreditProfileStatus.Blacklisted }, "d3"));

        Assert.Single(results, r => r is null);
        Assert.IsType<ConcurrencyConflictException>(Assert.Single(results, r => r is not null));
        var decisions = await store.Decisions.ListForCustomerAsync("c1");
        Assert.Equal(2, decisions.Count);
        // The winner's decision is the one logged, and its status the one stored.
        var status = (await store.Profiles.GetAsync("c1"))!.Value.Status;
        Assert.Equal(status == CreditProfileStatus.Active ? "d2" : "d3", decisions[0].Id);

        async Task<Exception?> Attempt(CustomerCreditProfile profile, string decisionId)
        {
            try
            {
                await store.Profiles.UpdateAsync(profile, created.ETag, Decision(decisionId, decisionId, 1));
                return null;
            }
            catch (ConcurrencyConflictException e)
            {
                return e;
            }
        }
    }

    [Fact]
    public async Task UpdateAsync_StaleETag_NeitherProfileNorDecisionWritten()
    {
        var store = await TestStore.OpenAsync(azurite);
        var created = await store.Profiles.CreateAsync(Applicant, Decision("d1", "applicant"));
        await store.Profiles.UpdateAsync(created.Value with { TermDays = 30 }, created.ETag, Decision("d2", "term 30", 1));

        var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.Profiles.UpdateAsync(created.Value with { TermDays = 90 }, created.ETag, Decision("d3", "term 90", 2)));

        Assert.Contains("changed by someone else", e.Message, StringComparison.Ordinal);
        Assert.Equal(30, (await store.Profiles.GetAsync("c1"))!.Value.TermDays);
        Assert.DoesNotContain(await store.Decisions.ListForCustomerAsync("c1"), d => d.Id == "d3");
    }

    [Fact]
    public async Task UpdateAsync_DecisionRowAlreadyExists_ProfileUnchanged()
    {
        var store = await TestStore.OpenAsync(azurite);
        var created = await store.Profiles.CreateAsync(Applicant, Decision("d1", "applicant"));

        // Same id and time as the creating decision: its insert fails, so the profile replace must roll back.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.Profiles.UpdateAsync(created.Value with { Status = CreditProfileStatus.Active }, created.ETag, Decision("d1", "again")));

        var read = await store.Profiles.GetAsync("c1");
        Assert.Equal(CreditProfileStatus.Applicant, read!.Value.Status);
        Assert.Equal(created.ETag, read.ETag);
    }

    [Fact]
    public async Task CreateAsync_ProfileExists_ConcurrencyConflictAndNoExtraDecision()
    {
        var store = await TestStore.OpenAsync(azurite);
        await store.Profiles.CreateAsync(Applicant, Decision("d1", "applicant"));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.Profiles.CreateAsync(Applicant, Decision("d2", "again", 1)));

        Assert.Single(await store.Decisions.ListForCustomerAsync("c1"));
    }

    [Fact]
    public async Task UpdateAsync_NoProfileYet_ConcurrencyConflictSayingSo()
    {
        var store = await TestStore.OpenAsync(azurite);

        var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.Profiles.UpdateAsync(Applicant, "W/\"datetime'2026-01-01T00%3A00%3A00Z'\"", Decision("d1", "x")));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.Empty(await store.Decisions.ListForCustomerAsync("c1"));
    }

    [Fact]
    public async Task CreateAsync_DecisionForAnotherCustomer_ArgumentException()
    {
        var store = await TestStore.OpenAsync(azurite);

        await Assert.ThrowsAsync<ArgumentException>(
            () => store.Profiles.CreateAsync(Applicant, Decision("d1", "x") with { CustomerId = "c2" }));
        Assert.Null(await store.Profiles.GetAsync("c1"));
    }
}
