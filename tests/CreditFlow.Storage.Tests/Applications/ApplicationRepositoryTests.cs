using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Onboarding;
using CreditFlow.Storage.Applications;
using CreditFlow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Storage.Tests.Applications;

public sealed class ApplicationRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CreditApplication NewApplication(string id, string customerId = "c1") => new(
        id,
        customerId,
        Money.Of(1234567.89m, "CNY"),
        60,
        new Dictionary<string, decimal> { ["currentAssets"] = 8_000_000.01m, ["debtToAsset"] = 0.6125m, ["netMargin"] = -0.015m },
        "Clean factory, owner present, order book full until June.",
        ApplicationStatus.Submitted,
        "sales.chen",
        TestStore.Start,
        TestStore.Start);

    [Fact]
    public async Task CreateAsync_Application_RoundTripsFiguresExactly()
    {
        var store = await TestStore.OpenAsync(azurite);

        await store.Applications.CreateAsync(NewApplication("a1"));
        var read = (await store.Applications.GetAsync("a1"))!.Value;

        Assert.Equal(Money.Of(1234567.89m, "CNY"), read.RequestedLimit);
        Assert.Equal(60, read.RequestedTermDays);
        Assert.Equal(8_000_000.01m, read.FinancialFigures["currentAssets"]);
        Assert.Equal(0.6125m, read.FinancialFigures["debtToAsset"]);
        Assert.Equal(-0.015m, read.FinancialFigures["netMargin"]);
        Assert.Equal("Clean factory, owner present, order book full until June.", read.ImpressionReport);
        Assert.Equal(("sales.chen", ApplicationStatus.Submitted, TestStore.Start), (read.CreatedBy, read.Status, read.CreatedAt));
    }

    [Fact]
    public async Task UpdateAsync_ClockMoved_StampsUpdatedAt()
    {
        var clock = new FakeTimeProvider(TestStore.Start);
        var store = await TestStore.OpenAsync(azurite, clock);
        var created = await store.Applications.CreateAsync(NewApplication("a1"));

        clock.Advance(TimeSpan.FromHours(5));
        await store.Applications.UpdateAsync(created.Value with { Status = ApplicationStatus.WaitingForApproval }, created.ETag);

        var read = (await store.Applications.GetAsync("a1"))!.Value;
        Assert.Equal(ApplicationStatus.WaitingForApproval, read.Status);
        Assert.Equal(TestStore.Start.AddHours(5), read.UpdatedAt);
        Assert.Equal(TestStore.Start, read.CreatedAt);
    }

    [Fact]
    public async Task UpdateAsync_StaleETag_ConcurrencyConflict()
    {
        var store = await TestStore.OpenAsync(azurite);
        var created = await store.Applications.CreateAsync(NewApplication("a1"));
        await store.Applications.UpdateAsync(created.Value with { Status = ApplicationStatus.InReview }, created.ETag);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.Applications.UpdateAsync(created.Value with { Status = ApplicationStatus.Rejected }, created.ETag));
        Assert.Equal(ApplicationStatus.InReview, (await store.Applications.GetAsync("a1"))!.Value.Status);
    }

    [Fact]
    public async Task ListForCustomerAsync_TwoCustomers_OnlyThatCustomersApplications()
    {
        var store = await TestStore.OpenAsync(azurite);
        await store.Applications.CreateAsync(NewApplication("a1"));
        await store.Applications.CreateAsync(NewApplication("a2", "c2"));
        await store.Applications.CreateAsync(NewApplication("a3") with { CreatedAt = TestStore.Start.AddDays(1) });

        var list = await store.Applications.ListForCustomerAsync("c1");

        Assert.Equal(["a1", "a3"], list.Select(a => a.Id));
    }

    [Fact]
    public async Task CreateAsync_ImpressionReportTooLong_ArgumentExceptionAndNothingStored()
    {
        var store = await TestStore.OpenAsync(azurite);

        await Assert.ThrowsAsync<ArgumentException>(
            () => store.Applications.CreateAsync(NewApplication("a1") with { ImpressionReport = new string('x', 40_000) }));
        Assert.Null(await store.Applications.GetAsync("a1"));
    }
}
