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

    public IServiceProvider Services => _app.Services;

    /// <param name="storageConnectionString">The storage account (usually the test Azurite).</param>
    /// <param name="settings">Further settings, e.g. <c>AdminKey</c>, as environment variables would give them.</param>
    /// <param name="hubName">The task hub; a fresh unique one by default, so tests never share instances.</param>
    /// <param name="overrideServices">Replaces registrations, e.g. the <see cref="TimeProvider"/> with a fake clock.</param>
    /// <param name="environmentName">The hosting environment, e.g. Development; the process's (Production in tests) when null.</param>
    /// <param name="url">Where to listen; a free loopback port when null.</param>
    public static async Task<RunningHost> StartAsync(
        string storageConnectionString, IReadOnlyDictionary<string, string?>? settings = null, string? hubName = null, Action<IServiceCollection>? overrideServices = null,
        string? environmentName = null, string? url = null)
    {
        var folder = new AppFolder();
        var variables = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = hubName ?? CreditFlow.Testing.UniqueName.For("hosthub"),

            // Credit data, mail and approval tables of one test stay apart from every other test's.
            ["Storage__Prefix"] = CreditFlow.Testing.UniqueName.For("credit"),
            ["Mail__StoragePrefix"] = CreditFlow.Testing.UniqueName.For("mail"),
            ["Approvals__StoragePrefix"] = CreditFlow.Testing.UniqueName.For("appr"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        url ??= "http://127.0.0.1:0";
        string[] args = environmentName is null ? ["--urls", url] : ["--urls", url, "--environment", environmentName];
        var app = CreditFlowApp.Build(args, folder.Path, variables, overrideServices);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, folder, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>A loopback address no one listens on now, for a host whose own address must be known before it starts (its PublicBaseUrl).</summary>
    public static string FreeLoopbackUrl()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return $"http://127.0.0.1:{((System.Net.IPEndPoint)probe.LocalEndpoint).Port}";
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
