using CreditFlow.Testing;

namespace CreditFlow.Storage.Tests.Reports;

public sealed class CreditReportStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task SaveAsync_TwoReports_BothKeptAndReadable()
    {
        var store = await TestStore.OpenAsync(azurite);

        var first = await store.Reports.SaveAsync("c1", "<h1>信用报告 1</h1>");
        var second = await store.Reports.SaveAsync("c1", "<h1>信用报告 2</h1>");

        Assert.NotEqual(first, second);
        Assert.StartsWith("c1/", first, StringComparison.Ordinal);
        Assert.Equal("<h1>信用报告 1</h1>", await store.Reports.GetAsync(first));
        Assert.Equal("<h1>信用报告 2</h1>", await store.Reports.GetAsync(second));
    }

    [Fact]
    public async Task GetAsync_Unknown_Null()
    {
        var store = await TestStore.OpenAsync(azurite);

        Assert.Null(await store.Reports.GetAsync("c1/none.html"));
    }
}
