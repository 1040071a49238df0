using System.Net;
using System.Net.Http.Json;
using CreditFlow.Host.Apis;
using CreditFlow.Testing;
using Microsoft.AspNetCore.Mvc;

namespace CreditFlow.Host.Tests.Apis;

public sealed class HealthApiTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Readyz_StorageRunning_Answers200()
    {
        await using var host = await RunningHost.StartAsync(storage.ConnectionString);

        var response = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", (await response.Content.ReadFromJsonAsync<HealthReport>())!.Status);
    }

    [Fact]
    public async Task Readyz_NoStorageListening_Answers503WithReason()
    {
        const int closedPort = 9; // discard: nothing listens there on a test machine
        var unreachable = storage.ConnectionString
            .Replace($":{storage.Azurite.BlobPort}/", $":{closedPort}/", StringComparison.Ordinal)
            .Replace($":{storage.Azurite.QueuePort}/", $":{closedPort}/", StringComparison.Ordinal)
            .Replace($":{storage.Azurite.TablePort}/", $":{closedPort}/", StringComparison.Ordinal);
        await using var host = await RunningHost.StartAsync(unreachable);

        var response = await host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Contains("table storage at http://127.0.0.1:9 did not answer", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_AnswersWithoutStorage()
    {
        await using var host = await RunningHost.StartAsync("DefaultEndpointsProtocol=http;AccountName=x;AccountKey=eA==;TableEndpoint=http://127.0.0.1:9/x;QueueEndpoint=http://127.0.0.1:9/x;BlobEndpoint=http://127.0.0.1:9/x");

        var response = await host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
