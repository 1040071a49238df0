using Azure.Data.Tables;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Dunning;
using CreditFlow.Testing;

namespace CreditFlow.Storage.Tests.Dunning;

public sealed class DunningStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ListInDunning_ReturnsEveryCustomersOpenInvoices_NotThoseSettledOrThroughTheLadder_AndAStatusItsOwn()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        var prefix = UniqueName.For("dun");
        var dunning = tables.GetTableClient(prefix + "Dunning");
        var marks = tables.GetTableClient(prefix + "Receivables");
        await dunning.CreateIfNotExistsAsync();
        await marks.CreateIfNotExistsAsync();
        var store = new DunningStore(dunning, marks);
        var day = new DateOnly(2026, 3, 2);
        DunningRecord Booked(string customer, string invoice) => DunningRecord.Booked(customer, invoice, day, day.AddDays(30), new Money(1_000m, new Currency("CNY")));

        await store.AddAsync(Booked("c1", "not-looked-at"));
        var running = await store.AddAsync(Booked("c2", "running"));
        await store.SaveStandingAsync(running with { Standing = new DunningStanding("Running", 1, "reminder", day.AddDays(27), 1_000m, DateTimeOffset.UnixEpoch) });
        var settled = await store.AddAsync(Booked("c2", "settled"));
        await store.SaveStandingAsync(settled with { Standing = new DunningStanding("Settled", 2, null, null, 0m, DateTimeOffset.UnixEpoch) });
        var completed = await store.AddAsync(Booked("c3", "completed"));
        await store.SaveStandingAsync(completed with { Standing = new DunningStanding("Completed", 8, null, null, 1_000m, DateTimeOffset.UnixEpoch) });

        var open = await store.ListInDunningAsync();

        Assert.Equal(["not-looked-at", "running"], open.Select(r => r.InvoiceId).Order(StringComparer.Ordinal));

        // One status across customers, as the invoices page asks for it; a quote in it is data, not filter syntax.
        Assert.Equal(["completed"], (await store.ListWithStatusAsync("Completed")).Select(r => r.InvoiceId));
        Assert.Equal(["not-looked-at"], (await store.ListWithStatusAsync(DunningStanding.NotYetLooked.Status)).Select(r => r.InvoiceId));
        Assert.Empty(await store.ListWithStatusAsync("Running' or Status ne '"));
    }
}
