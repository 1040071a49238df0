using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreditFlow.Durable.AzureStorage.DependencyInjection;
using CreditFlow.Host;
using CreditFlow.Host.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Functions.Tests;

/// <summary>
/// The host's public surfaces as the Functions worker runs them: <see cref="PublicApi.UsePublicApi"/> on an application
/// builder of its own, with the worker's registrations, answering requests the way the host does (routing, API-key
/// authentication and authorization, problem details). No storage is touched: every request is refused before.
/// </summary>
public sealed class PublicApiPipelineTests
{
    private const string ApiKey = "functions-test-api-key-0123456789";

    [Fact]
    public async Task HoldsList_WithoutApiKey_Answers401()
    {
        var (status, _) = await SendAsync("GET", "/api/holds");

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
    }

    [Fact]
    public async Task HoldsList_WithKeyAndBadStatus_Answers400ProblemNamingTheField()
    {
        var (status, body) = await SendAsync("GET", "/api/holds", "status=sleeping", ApiKey);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("must be open, released or rejected.", body.GetProperty("errors").GetProperty("status")[0].GetString());
    }

    [Fact]
    public async Task ErpOrder_Unsigned_Answers401()
    {
        var (status, _) = await SendAsync("POST", "/api/erp/orders", body: """{ "orderId": "o-1" }""");

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
    }

    private static async Task<(int Status, JsonElement Body)> SendAsync(string method, string path, string? query = null, string? apiKey = null, string? body = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:type"] = "AzureStorage",
            ["Erp:SigningKeys:0"] = "functions-test-erp-signing-key-0123456789",
            ["ApiKeys:0:Name"] = "Functions test",
            ["ApiKeys:0:Role"] = "CreditOfficer",
            ["ApiKeys:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
        }).Build();
        var settings = CreditFlowSettings.From(configuration);

        // What the Functions worker registers (functions/CreditFlow.Functions/CreditFlowFunctionsSetup.cs).
        var services = new ServiceCollection();
        services.AddLogging();

        // What the worker's ASP.NET Core host (ConfigureFunctionsWebApplication) provides.
        services.AddSingleton(new System.Diagnostics.DiagnosticListener("Microsoft.AspNetCore"));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new TestEnvironment());
        services.AddPublicApiServices(settings, configuration);
        services.AddRouting();
        services.AddDurableTaskClient(client => client.UseAzureStorageEngine(settings.StorageConnectionString, settings.AzureStorage));
        await using var provider = services.BuildServiceProvider();
        var app = new ApplicationBuilder(provider);
        app.UsePublicApi();
        var pipeline = app.Build();

        await using var scope = provider.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.QueryString = query is null ? QueryString.Empty : new QueryString("?" + query);
        if (apiKey is not null)
        {
            context.Request.Headers["x-api-key"] = apiKey;
        }

        if (body is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        var response = new MemoryStream();
        context.Response.Body = response;
        await pipeline(context);
        var text = Encoding.UTF8.GetString(response.ToArray());
        return (context.Response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private sealed class TestEnvironment : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "CreditFlow.Functions";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
