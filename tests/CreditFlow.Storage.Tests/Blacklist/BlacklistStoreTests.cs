using Azure;
using Azure.Data.Tables;
using CreditFlow.Domain.Customers;
using CreditFlow.Storage.Blacklist;
using CreditFlow.Testing;

namespace CreditFlow.Storage.Tests.Blacklist;

/// <summary>The blacklist table: each registration number once, removals kept as history, imports whole or not at all.</summary>
public sealed class BlacklistStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static BlacklistEntry Entry(string number, int minutes = 0, BlacklistSource source = BlacklistSource.Internal) =>
        new(number, "Company " + number, null, "defaulted", source, null, "manager.wu", TestStore.Start.AddMinutes(minutes));

    [Fact]
    public async Task AddOnce_SameNumberAgain_ReturnsTheStoredEntryAndChangesNothing()
    {
        var list = (await TestStore.OpenAsync(azurite)).Blacklist;
        var first = Entry("91330100MA1", 0);

        var added = await list.AddOnceAsync(first);
        var again = await list.AddOnceAsync(Entry("91330100MA1", 5, BlacklistSource.IndustryList) with { Reason = "other" });

        Assert.Equal((first, true), added);
        Assert.Equal((first, false), again);
        Assert.Equal([first], (await list.ListAsync()).Entries);
    }

    [Fact]
    public async Task List_NewestFirst_FilteredBySourceAndPaged()
    {
        var list = (await TestStore.OpenAsync(azurite)).Blacklist;
        var (a, b, c) = (Entry("A1", 0), Entry("B2", 10, BlacklistSource.IndustryList), Entry("C3", 20));
        foreach (var e in new[] { a, b, c })
        {
            await list.AddOnceAsync(e);
        }

        Assert.Equal([c, b, a], (await list.ListAsync()).Entries);
        var internalOnly = await list.ListAsync(BlacklistSource.Internal);
        Assert.Equal([c, a], internalOnly.Entries);
        Assert.Equal(2, internalOnly.Total);
        var second = await list.ListAsync(skip: 1, take: 1);
        Assert.Equal([b], second.Entries);
        Assert.Equal(3, second.Total);
    }

    [Fact]
    public async Task Remove_KeepsTheEntryAsRemovedAndFreesTheNumber()
    {
        var list = (await TestStore.OpenAsync(azurite)).Blacklist;
        var entry = Entry("A1");
        await list.AddOnceAsync(entry);

        var removed = await list.RemoveAsync("A1", "paid in full, committee 2026/7", "committee.chen", TestStore.Start.AddDays(3));

        Assert.Equal(entry with { Removal = new BlacklistRemoval("paid in full, committee 2026/7", "committee.chen", TestStore.Start.AddDays(3)) }, removed);
        Assert.Null(await list.GetAsync("A1"));
        Assert.Empty((await list.ListAsync()).Entries);
        Assert.Equal([removed!], await list.ListRemovedAsync("A1"));
        Assert.Null(await list.RemoveAsync("A1", "again", "committee.chen", TestStore.Start.AddDays(4)));
        Assert.True((await list.AddOnceAsync(Entry("A1", 60 * 24 * 5))).Added);
    }

    [Fact]
    public async Task Import_MoreThanOneBatch_AddsAllSkippingThoseListedAlready()
    {
        var list = (await TestStore.OpenAsync(azurite)).Blacklist;
        var listed = Entry("N0005");
        await list.AddOnceAsync(listed);
        var entries = Enumerable.Range(0, 230).Select(i => Entry($"N{i:D4}", 1, BlacklistSource.IndustryList)).ToList();

        var import = await list.ImportAsync(entries, "import-1");

        Assert.Equal(229, import.Added.Count);
        Assert.Equal([listed], import.AlreadyListed);
        Assert.Equal(230, (await list.ListAsync()).Total);
        Assert.Equal("import-1", (await list.GetAsync("N0200"))!.ImportId);
    }

    [Fact]
    public async Task Import_WriteFailsInALaterBatch_UndoesTheEarlierBatchesAndListsNothingNew()
    {
        var list = (await TestStore.OpenAsync(azurite)).Blacklist;
        var entries = Enumerable.Range(0, 150).Select(i => Entry($"N{i:D4}", 1, BlacklistSource.IndustryList)).ToList();

        // Someone lists a company of the second batch after the import read the list: that batch fails with 409.
        var racing = new BlacklistStore(new RacingTable(list.Table, beforeBatch: 2, () => list.AddOnceAsync(Entry("N0120", 2))));

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => racing.ImportAsync(entries, "import-2"));

        Assert.Contains("nothing of the import was kept", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(["N0120"], (await list.ListAllAsync()).Select(e => e.RegistrationNumber));
        Assert.Null((await list.GetAsync("N0120"))!.ImportId);
    }

    [Fact]
    public async Task Import_DuplicateNumber_RefusedBeforeAnyWrite()
    {
        var list = (await TestStore.OpenAsync(azurite)).Blacklist;

        await Assert.ThrowsAsync<ArgumentException>(() => list.ImportAsync([Entry("A1"), Entry("B2"), Entry("A1", 3)], "import-3"));

        Assert.Empty(await list.ListAllAsync());
    }

    /// <summary>The table, with something else happening just before the n-th entity-group transaction.</summary>
    private sealed class RacingTable(TableClient table, int beforeBatch, Func<Task> meanwhile) : TableClient
    {
        private int _batches;

        public override async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
        {
            if (++_batches == beforeBatch)
            {
                await meanwhile();
            }

            return await table.SubmitTransactionAsync(transactionActions, cancellationToken);
        }

        public override AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
            table.QueryAsync<T>(filter, maxPerPage, select, cancellationToken);
    }
}
