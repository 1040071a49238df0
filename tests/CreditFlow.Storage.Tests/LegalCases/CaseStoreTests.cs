using Azure.Data.Tables;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Testing;

namespace CreditFlow.Storage.Tests.LegalCases;

/// <summary>A case followed for years: its timeline outgrows one table property and is kept whole.</summary>
public sealed class CaseStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task CaseWithATimelineLongerThanOnePropertyHolds_IsSavedAndReadBackWhole()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(UniqueName.For("t") + "Cases");
        await table.CreateIfNotExistsAsync();
        var store = new CaseStore(table);
        var candidate = LegalCase.Open(
            UniqueName.For("case"), "cust-1", "Bright Trading", [new CaseInvoice("inv-1", new DateOnly(2026, 1, 31), Money.Of(80_000m, "CNY"))], "credit manager", "90 days overdue", TestStore.Start);
        var (opened, _) = await store.OpenOrJoinAsync(candidate, null, "credit manager");

        // Three years of weekly agency calls: about 100,000 characters of timeline, three properties' worth.
        var legalCase = opened.Case;
        for (var week = 0; week < 156; week++)
        {
            legalCase = legalCase.Log(TestStore.Start.AddDays(7 * week), $"Week {week}: agency called the customer's finance director; promised a partial payment next month, {new string('.', 500)}", "eastgate");
        }

        var saved = await store.SaveAsync(opened with { Case = legalCase });
        var read = await store.GetAsync(saved.CaseId);

        Assert.Equal(legalCase.Timeline, read!.Case.Timeline);
        Assert.Equal(saved.ETag, read.ETag);

        // And it shrinks again without leaving the old tail behind.
        var shorter = await store.SaveAsync(read with { Case = read.Case with { Timeline = read.Case.Timeline.Take(3).ToArray() } });
        Assert.Equal(3, (await store.GetAsync(shorter.CaseId))!.Case.Timeline.Count);
    }

    [Fact]
    public async Task MoreCasesThanTheApiLists_EveryOneIsCountedNewestFirst_TheApiGetsTheNewest500()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(UniqueName.For("t") + "Cases");
        await table.CreateIfNotExistsAsync();
        var store = new CaseStore(table);
        var count = CaseStore.MaxListed + 2;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await store.OpenOrJoinAsync(
                LegalCase.Open($"case-{i:000}", $"cust-{i:000}", "Customer " + i, [new CaseInvoice($"inv-{i:000}", new DateOnly(2026, 1, 31), Money.Of(1_000m, "CNY"))], "credit manager", "90 days overdue", TestStore.Start.AddHours(i)),
                null,
                "credit manager",
                ct));

        var every = await store.ListEveryAsync();
        var listed = await store.ListAsync();

        Assert.Equal(count, every.Count);
        Assert.Equal($"case-{count - 1:000}", every[0].CaseId);
        Assert.Equal("case-000", every[^1].CaseId);
        Assert.Equal(every.Take(CaseStore.MaxListed).Select(c => c.CaseId), listed.Select(c => c.CaseId));
    }
}
