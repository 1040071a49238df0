using System.Text;
using CreditFlow.Storage.Documents;
using CreditFlow.Testing;

namespace CreditFlow.Storage.Tests.Documents;

public sealed class DocumentStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task UploadAsync_Statement_DownloadsSameBytesAndMetadata()
    {
        var store = await TestStore.OpenAsync(azurite);
        var bytes = Encoding.UTF8.GetBytes("balance sheet 2025");

        var uploaded = await store.Documents.UploadAsync("app1", DocumentKind.FinancialStatement, "资产负债表 2025.pdf", "application/pdf", new MemoryStream(bytes));
        await using var download = await store.Documents.DownloadAsync("app1", uploaded.Name);

        Assert.Equal(uploaded, download!.Document);
        Assert.Equal(("资产负债表 2025.pdf", "application/pdf", 18L, TestStore.Start), (uploaded.OriginalFileName, uploaded.ContentType, uploaded.Size, uploaded.UploadedAt));
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task UploadAsync_PathInFileName_SanitisedBlobName()
    {
        var store = await TestStore.OpenAsync(azurite);

        var uploaded = await store.Documents.UploadAsync("app1", DocumentKind.Contract, @"..\..\etc/pass wd?.docx", "application/msword", new MemoryStream([1, 2]));

        Assert.StartsWith("app1/Contract/", uploaded.Name, StringComparison.Ordinal);
        Assert.EndsWith("-pass_wd_.docx", uploaded.Name, StringComparison.Ordinal);
        Assert.Equal(@"..\..\etc/pass wd?.docx", uploaded.OriginalFileName);
    }

    [Fact]
    public async Task ListAsync_TwoApplications_OnlyThatApplicationsDocuments()
    {
        var store = await TestStore.OpenAsync(azurite);
        await store.Documents.UploadAsync("app1", DocumentKind.FinancialStatement, "a.pdf", "application/pdf", new MemoryStream([1]));
        await store.Documents.UploadAsync("app1", DocumentKind.Contract, "b.pdf", "application/pdf", new MemoryStream([1, 2]));
        await store.Documents.UploadAsync("app10", DocumentKind.Contract, "c.pdf", "application/pdf", new MemoryStream([1]));

        var list = await store.Documents.ListAsync("app1");

        Assert.Equal(["a.pdf", "b.pdf"], list.Select(d => d.OriginalFileName).Order());
        Assert.Equal([DocumentKind.FinancialStatement, DocumentKind.Contract], list.Select(d => d.Kind).Order());
        Assert.Equal(3L, list.Sum(d => d.Size));
    }

    [Fact]
    public async Task UploadAsync_OverSizeLimit_ClearMessageAndNothingStored()
    {
        var store = await TestStore.OpenAsync(azurite, maxDocumentBytes: 1000);

        var e = await Assert.ThrowsAsync<DocumentTooLargeException>(
            () => store.Documents.UploadAsync("app1", DocumentKind.FinancialStatement, "big.pdf", "application/pdf", new MemoryStream(new byte[1001])));

        Assert.Contains("'big.pdf' is larger than the limit of 1,000 bytes", e.Message, StringComparison.Ordinal);
        Assert.Empty(await store.Documents.ListAsync("app1"));
    }

    [Fact]
    public async Task UploadAsync_UnseekableStreamOverLimit_Rejected()
    {
        var store = await TestStore.OpenAsync(azurite, maxDocumentBytes: 100_000);

        await Assert.ThrowsAsync<DocumentTooLargeException>(
            () => store.Documents.UploadAsync("app1", DocumentKind.Contract, "big.pdf", "application/pdf", new UnseekableStream(new byte[200_000])));
        Assert.Empty(await store.Documents.ListAsync("app1"));
    }

    [Fact]
    public async Task UploadAsync_ExactlyAtLimit_Stored()
    {
        var store = await TestStore.OpenAsync(azurite, maxDocumentBytes: 1000);

        var uploaded = await store.Documents.UploadAsync("app1", DocumentKind.Contract, "c.pdf", "application/pdf", new UnseekableStream(new byte[1000]));

        Assert.Equal(1000L, uploaded.Size);
    }

    [Fact]
    public async Task DownloadAsync_OtherApplicationsDocument_Null()
    {
        var store = await TestStore.OpenAsync(azurite);
        var uploaded = await store.Documents.UploadAsync("app1", DocumentKind.Contract, "c.pdf", "application/pdf", new MemoryStream([1]));

        Assert.Null(await store.Documents.DownloadAsync("app2", uploaded.Name));
        Assert.Null(await store.Documents.DownloadAsync("app1", "app1/Contract/missing.pdf"));
    }

    /// <summary>A request body: no length known up front.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
