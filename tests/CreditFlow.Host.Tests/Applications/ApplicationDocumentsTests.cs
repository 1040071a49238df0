using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage;
using CreditFlow.Testing;
using Microsoft.AspNetCore.Mvc;

namespace CreditFlow.Host.Tests.Applications;

public sealed class ApplicationDocumentsTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Upload_ThenDownload_ReturnsTheSameFileAndTheApplicationListsIt()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var id = await api.FileAsync();
        var bytes = Encoding.UTF8.GetBytes("Balance sheet 2025: total assets 12,000,000 CNY");

        var upload = await api.As(CreditRole.SalesRep).PostAsync($"/api/applications/{id}/documents", Form(bytes, "balance sheet 2025.pdf", "FinancialStatement"));

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var document = (await upload.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("FinancialStatement", document["kind"]!.GetValue<string>());
        Assert.Equal("balance sheet 2025.pdf", document["fileName"]!.GetValue<string>());
        Assert.Equal(upload.Headers.Location?.OriginalString, document["downloadUrl"]!.GetValue<string>());

        var download = await api.As(CreditRole.CreditOfficer).GetAsync(upload.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);

        var application = (await api.As(CreditRole.SalesRep).GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))!;
        var listed = Assert.Single(application["documents"]!.AsArray());
        Assert.Equal(document["downloadUrl"]!.GetValue<string>(), listed!["downloadUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_413AndNothingStored()
    {
        await using var api = await CreditApiHost.StartAsync(
            storage.ConnectionString, services => services.Configure<CreditStorageOptions>(o => o.MaxDocumentBytes = 1024));
        var id = await api.FileAsync();

        var upload = await api.As(CreditRole.SalesRep).PostAsync($"/api/applications/{id}/documents", Form(new byte[1025], "scan.pdf", "Contract"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        Assert.Equal("application/problem+json", upload.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1,024 bytes", (await upload.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
        var application = (await api.As(CreditRole.SalesRep).GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))!;
        Assert.Empty(application["documents"]!.AsArray());
    }

    [Fact]
    public async Task Upload_UnknownApplication_404()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var upload = await api.As(CreditRole.SalesRep).PostAsync("/api/applications/app-000000000000/documents", Form([1, 2, 3], "a.pdf", "Contract"));

        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
    }

    [Fact]
    public async Task Upload_NoFileAndUnknownKind_400NamesBoth()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var id = await api.FileAsync();
        using var form = new MultipartFormDataContent { { new StringContent("Invoice"), "kind" } };

        var upload = await api.As(CreditRole.SalesRep).PostAsync($"/api/applications/{id}/documents", form);

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        var problem = (await upload.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>())!;
        Assert.Equal(["file", "kind"], problem.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Download_NameThatStepsOutOfTheApplication_404()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        var id = await api.FileAsync();

        var response = await api.As(CreditRole.SalesRep).GetAsync($"/api/applications/{id}/documents/Contract/%2E%2E%2Fother");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string kind)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName }, { new StringContent(kind), "kind" } };
    }
}
