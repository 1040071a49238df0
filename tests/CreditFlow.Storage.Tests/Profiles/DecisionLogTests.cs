using CreditFlow.Storage.Profiles;
using CreditFlow.Testing;

namespace CreditFlow.Storage.Tests.Profiles;

public sealed class DecisionLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CreditDecision Decision(string id, string customerId, DateTimeOffset at, string snapshot = """{"a":1}""") =>
        new(id, customerId, at, "manager.zhang", $"decision {id}", "reason", snapshot, null, null);

    [Fact]
    public async Task ListForCustomerAsync_AppendedOutOfOrder_NewestFirst()
    {
        var store = await TestStore.OpenAsync(azurite);
        var t = TestStore.Start;
        await store.Decisions.AppendAsync(Decision("mid", "c1", t.AddDays(1)));
        await store.Decisions.AppendAsync(Decision("new", "c1", t.AddDays(2)));
        await store.Decisions.AppendAsync(Decision("old", "c1", t));
        await store.Decisions.AppendAsync(Decision("other", "c2", t.AddDays(3)));

        var log = await store.Decisions.ListForCustomerAsync("c1");

        Assert.Equal(["new", "mid", "old"], log.Select(d => d.Id));
    }

    [Fact]
    public async Task ListForApplicationsAsync_KeepsTheDecisionsThatNameAnApplication_HoweverManyCameAfter()
    {
        var store = await TestStore.OpenAsync(azurite);
        var t = TestStore.Start;
        await store.Decisions.AppendAsync(Decision("app1-scored-trial", "c1", t) with { ApplicationId = "app1" });
        for (var i = 1; i <= 3; i++)
        {
            await store.Decisions.AppendAsync(Decision($"later{i}", "c1", t.AddDays(i)));
        }

        Assert.DoesNotContain(await store.Decisions.ListForCustomerAsync("c1", max: 3), d => d.ApplicationId is not null);
        Assert.Equal(["app1-scored-trial"], (await store.Decisions.ListForApplicationsAsync("c1")).Select(d => d.Id));
    }

    [Fact]
    public async Task ListForCustomerAsync_Max_NewestOnly()
    {
        var store = await TestStore.OpenAsync(azurite);
        for (var i = 0; i < 5; i++)
        {
            await store.Decisions.AppendAsync(Decision($"d{i}", "c1", TestStore.Start.AddHours(i)));
        }

        var log = await store.Decisions.ListForCustomerAsync("c1", max: 2);

        Assert.Equal(["d4", "d3"], log.Select(d => d.Id));
    }

    [Fact]
    public async Task AppendAsync_Decision_RoundTripsEveryField()
    {
        var store = await TestStore.OpenAsync(azurite);
        var decision = new CreditDecision(
            "d1", "c1", TestStore.Start, "committee", "limit 5,000,000.00 CNY", "strategic customer",
            """{"score":88.25,"limit":"5000000.00"}""", "multi-dimension/2", "app7");

        await store.Decisions.AppendAsync(decision);

        Assert.Equal(decision, Assert.Single(await store.Decisions.ListForCustomerAsync("c1")));
    }

    [Fact]
    public async Task AppendAsync_SnapshotLongerThanOneProperty_RoundTrips()
    {
        var store = await TestStore.OpenAsync(azurite);
        var snapshot = "[" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"item{i}\"")) + "]";

        await store.Decisions.AppendAsync(Decision("d1", "c1", TestStore.Start, snapshot));

        Assert.Equal(snapshot, Assert.Single(await store.Decisions.ListForCustomerAsync("c1")).DataSnapshotJson);
    }

    [Fact]
    public async Task AppendAsync_SnapshotNotJson_ArgumentException()
    {
        var store = await TestStore.OpenAsync(azurite);

        var e = await Assert.ThrowsAsync<ArgumentException>(
            () => store.Decisions.AppendAsync(Decision("d1", "c1", TestStore.Start, "score=71")));

        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_SameDecisionTwice_ConcurrencyConflict()
    {
        var store = await TestStore.OpenAsync(azurite);
        await store.Decisions.AppendAsync(Decision("d1", "c1", TestStore.Start));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.Decisions.AppendAsync(Decision("d1", "c1", TestStore.Start)));
    }
}
