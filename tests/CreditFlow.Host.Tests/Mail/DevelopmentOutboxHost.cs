using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Configuration;
using CreditFlow.Host.Extensions;
using CreditFlow.Host.Security;
using CreditFlow.Host.Workspace;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Host.Tests.Mail;

/// <summary>
/// The outbox endpoints (and the workspace's assets the page loads) in an app whose environment is Development. <see cref="RunningHost"/> takes
/// its environment from the process (ASPNETCORE_ENVIRONMENT), which a test cannot set per host.
/// </summary>
internal sealed class DevelopmentOutboxHost : IAsyncDisposable
{
    public const string AdminKey = "outbox-test-admin-key-0123456789";

    private readonly WebApplication _app;

    private DevelopmentOutboxHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DevelopmentOutboxHost> StartAsync(string storageConnectionString, FakeTimeProvider time)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Mail:StoragePrefix"] = CreditFlow.Testing.UniqueName.For("mail") });
        var settings = new CreditFlowSettings { StorageConnectionString = storageConnectionString, Durable = new DurableTaskOptions(), AdminKey = AdminKey };
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<AdminKeyValidator>();
        builder.Services.AddMailAndApprovals(settings);

        var app = builder.Build();
        app.MapOutbox();
        app.MapWorkspaceAssets(); // the page's styles and scripts, for a browser
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        return new DevelopmentOutboxHost(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
