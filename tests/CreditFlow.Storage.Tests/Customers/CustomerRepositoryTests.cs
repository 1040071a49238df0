using CreditFlow.Storage.Customers;
using CreditFlow.Testing;

namespace CreditFlow.Storage.Tests.Customers;

public sealed class CustomerRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Customer NewCustomer(string id, string? controller) =>
        new(id, $"Company {id}", $"91310000{id}", controller, "electronics", TestStore.Start);

    [Fact]
    public async Task CreateAsync_NewCustomer_RoundTrips()
    {
        var store = await TestStore.OpenAsync(azurite);
        var customer = NewCustomer("c1", "Mr. Wang") with { Name = "上海某某电子有限公司" };

        await store.Customers.CreateAsync(customer);
        var read = await store.Customers.GetAsync("c1");

        Assert.Equal(customer, read!.Value);
        Assert.False(string.IsNullOrEmpty(read.ETag));
    }

    [Fact]
    public async Task GetAsync_Unknown_Null()
    {
        var store = await TestStore.OpenAsync(azurite);

        Assert.Null(await store.Customers.GetAsync("nobody"));
    }

    [Fact]
    public async Task CreateAsync_SameIdTwice_ConcurrencyConflict()
    {
        var store = await TestStore.OpenAsync(azurite);
        await store.Customers.CreateAsync(NewCustomer("c1", null));

        var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.Customers.CreateAsync(NewCustomer("c1", null)));

        Assert.Equal("c1", e.Key);
    }

    [Fact]
    public async Task UpdateAsync_StaleETag_ConcurrencyConflict()
    {
        var store = await TestStore.OpenAsync(azurite);
        var created = await store.Customers.CreateAsync(NewCustomer("c1", null));
        await store.Customers.UpdateAsync(created.Value with { Industry = "retail" }, created.ETag);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => store.Customers.UpdateAsync(created.Value with { Industry = "mining" }, created.ETag));
        Assert.Equal("retail", (await store.Customers.GetAsync("c1"))!.Value.Industry);
    }

    [Fact]
    public async Task ListByActualControllerAsync_ThreeCustomersTwoGroups_OnlyThatGroup()
    {
        var store = await TestStore.OpenAsync(azurite);
        await store.Customers.CreateAsync(NewCustomer("b", "Li's holding"));
        await store.Customers.CreateAsync(NewCustomer("a", "Li's holding"));
        await store.Customers.CreateAsync(NewCustomer("c", "Zhao"));
        await store.Customers.CreateAsync(NewCustomer("d", null));

        var group = await store.Customers.ListByActualControllerAsync("Li's holding");

        Assert.Equal(["a", "b"], group.Select(c => c.Id));
    }

    [Fact]
    public async Task ListByActualControllerAsync_ControllerChanged_FollowsTheChange()
    {
        var store = await TestStore.OpenAsync(azurite);
        var created = await store.Customers.CreateAsync(NewCustomer("a", "Zhao"));

        await store.Customers.UpdateAsync(created.Value with { ActualController = "Qian" }, created.ETag);

        Assert.Empty(await store.Customers.ListByActualControllerAsync("Zhao"));
        Assert.Single(await store.Customers.ListByActualControllerAsync("Qian"));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("")]
    public async Task GetAsync_IdWithForbiddenCharacter_ArgumentException(string id)
    {
        var store = await TestStore.OpenAsync(azurite);

        await Assert.ThrowsAsync<ArgumentException>(() => store.Customers.GetAsync(id));
    }
}
