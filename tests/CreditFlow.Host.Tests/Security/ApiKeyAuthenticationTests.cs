using System.Net;
using System.Net.Http.Json;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Configuration;
using CreditFlow.Host.Tests.Applications;
using CreditFlow.Host.Tests.Configuration;
using CreditFlow.Testing;
using Microsoft.AspNetCore.Mvc;

namespace CreditFlow.Host.Tests.Security;

public sealed class ApiKeyAuthenticationTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task FileApplication_NoKey_401ProblemDetails()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var response = await api.Anonymous.PostAsJsonAsync("/api/applications", CreditApiHost.ValidApplication());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("x-api-key", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileApplication_UnknownKey_401ProblemDetails()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(CreditApiHost.ValidApplication()) };
        request.Headers.Add("x-api-key", "test-key-sales-0123456789abcdeX");

        var response = await api.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not a configured API key", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileApplication_FinanceKey_403NamingTheRolesNeeded()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var response = await api.As(CreditRole.Finance).PostAsJsonAsync("/api/applications", CreditApiHost.ValidApplication());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "This action needs the role SalesRep, CreditOfficer, CreditManager or Admin; the API key 'Zhao Min (finance)' has the role Finance.",
            (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        Assert.Empty(await api.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>().GetAllInstancesAsync().ToListAsync());
    }

    [Fact]
    public async Task GetCustomer_NoKey_401_AnyKey_Reaches()
    {
        await using var api = await CreditApiHost.StartAsync(storage.ConnectionString);

        var anonymous = await api.Anonymous.GetAsync("/api/customers/cust-unknown");
        var finance = await api.As(CreditRole.Finance).GetAsync("/api/customers/cust-unknown");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, finance.StatusCode);
    }

    [Fact]
    public void Build_InvalidApiKeySetting_StopsWithTheSettingNamed()
    {
        using var folder = new AppFolder();
        var environment = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["ApiKeys__0__Name"] = "Wang Li",
            ["ApiKeys__0__Role"] = "Salesman",
            ["ApiKeys__0__Sha256"] = CreditApiHost.Sha256Hex("k"),
        };

        var error = Assert.Throws<SettingsException>(() => CreditFlowApp.Build([], folder.Path, environment));

        Assert.StartsWith("Configuration error: ApiKeys__0__Role: must be one of SalesRep, CreditOfficer, CreditManager, CreditCommittee, Finance, Legal, Admin (was 'Salesman').", error.Message, StringComparison.Ordinal);
    }
}
