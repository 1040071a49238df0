using Azure.Data.Tables;
using CreditFlow.Domain.Warnings;
using CreditFlow.Storage.Signals;
using CreditFlow.Testing;

namespace CreditFlow.Storage.Tests.Signals;

/// <summary>The signals table: each provider's event stored once, listed per customer newest first, exactly as received.</summary>
public sealed class SignalStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Received = new(2026, 3, 2, 9, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public async Task AddOnce_NewSignals_AreListedNewestFirstAsReceived()
    {
        var store = await OpenAsync();
        var pledge = Signal("e1", SignalKind.EquityPledgedPercent, 62.50m) with { SourceUrl = new Uri("https://registry.example/pledges/9?x=1") };
        var lawsuit = Signal("e2", SignalKind.MajorLawsuit, null, Received.AddTicks(1_234_567));

        var first = await store.AddOnceAsync(pledge);
        var second = await store.AddOnceAsync(lawsuit);

        Assert.Equal((pledge, SignalAddition.Added), first);
        Assert.Equal((lawsuit, SignalAddition.Added), second);
        Assert.Equal([lawsuit, pledge], await store.ListForCustomerAsync("c1"));
        Assert.Equal(pledge, await store.FindAsync("acme", "e1"));
        Assert.Empty(await store.ListForCustomerAsync("c2"));
    }

    [Fact]
    public async Task AddOnce_SameEventSameContent_AlreadyStoredWithTheFirstAndListedOnce()
    {
        var store = await OpenAsync();
        var signal = Signal("e1", SignalKind.AdverseNews, null);

        await store.AddOnceAsync(signal);
        var again = await store.AddOnceAsync(signal with { ReceivedAt = Received.AddMinutes(5), SentBy = "someone else" });

        Assert.Equal((signal, SignalAddition.AlreadyStored), again);
        Assert.Equal([signal], await store.ListForCustomerAsync("c1"));
    }

    [Fact]
    public async Task AddOnce_SameEventOtherContent_IdReusedWithTheFirstAndNothingChanged()
    {
        var store = await OpenAsync();
        var signal = Signal("e1", SignalKind.EquityPledgedPercent, 40m);

        await store.AddOnceAsync(signal);
        var reused = await store.AddOnceAsync(signal with { CustomerId = "c2", Value = 70m, ContentSha256 = "other" });

        Assert.Equal((signal, SignalAddition.IdReused), reused);
        Assert.Equal([signal], await store.ListForCustomerAsync("c1"));
        Assert.Empty(await store.ListForCustomerAsync("c2"));
    }

    [Fact]
    public async Task AddOnce_SameEventIdFromAnotherProvider_IsAnotherSignal()
    {
        var store = await OpenAsync();
        var acme = Signal("e1", SignalKind.SectorBan, null);
        var staff = acme with { Provider = "staff", ReceivedAt = Received.AddSeconds(1) };

        await store.AddOnceAsync(acme);
        var other = await store.AddOnceAsync(staff);

        Assert.Equal(SignalAddition.Added, other.Outcome);
        Assert.Equal([staff, acme], await store.ListForCustomerAsync("c1"));
    }

    [Fact]
    public async Task AddOnce_StoppedBeforeTheCustomersRow_IsCompletedByTheNextCall()
    {
        var store = await OpenAsync();
        var signal = Signal("e1", SignalKind.OwnershipChange, null);
        await store.AddOnceAsync(signal);

        // What a process that stopped between the two writes leaves: the event row only.
        var listed = store.Table.QueryAsync<TableEntity>("PartitionKey eq 'c1'");
        await foreach (var row in listed)
        {
            await store.Table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var retried = await store.AddOnceAsync(signal with { ReceivedAt = Received.AddMinutes(1) });

        Assert.Equal((signal, SignalAddition.Added), retried);
        Assert.Equal([signal], await store.ListForCustomerAsync("c1"));
    }

    [Fact]
    public async Task AddOnce_ProviderWithSeparator_IsRefused()
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.AddOnceAsync(Signal("e1", SignalKind.SectorBan, null) with { Provider = "a|b" }));
    }

    [Fact]
    public void ToCreditSignal_AnEvent_CountsAsOne()
    {
        Assert.Equal(new CreditSignal("c1", SignalKind.MajorLawsuit, 1m, Received.AddDays(-1)), Signal("e", SignalKind.MajorLawsuit, null).ToCreditSignal());
        Assert.Equal(55m, Signal("e", SignalKind.EquityPledgedPercent, 55m).ToCreditSignal().Value);
    }

    private static ReceivedSignal Signal(string eventId, SignalKind kind, decimal? value, DateTimeOffset? receivedAt = null) => new(
        "acme", eventId, "c1", kind, value, Received.AddDays(-1), receivedAt ?? Received, $"{kind} reported", null, "acme", "sha-" + eventId);

    private async Task<SignalStore> OpenAsync()
    {
        var store = new SignalStore(new TableServiceClient(azurite.ConnectionString).GetTableClient(UniqueName.For("signals")));
        await store.Table.CreateIfNotExistsAsync();
        return store;
    }
}
