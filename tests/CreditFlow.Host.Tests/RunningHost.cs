using CreditFlow.Host.Tests.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CreditFlow.Host.Tests;

/// <summary>The real host on a free loopback port, reached over HTTP like any client would.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AppFolder _folder;

    private RunningHost(WebApplication app, AppFolder folder, HttpClient client)
    {
        _app = app;
        _folder = folder;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<RunningHost> StartAsync(string storageConnectionString)
    {
        var folder = new AppFolder();
        var environment = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storageConnectionString };
        var app = CreditFlowApp.Build(["--urls", "http://127.0.0.1:0"], folder.Path, environment);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, folder, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
