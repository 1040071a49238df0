using CreditFlow.Durable.AzureStorage.DependencyInjection;
using CreditFlow.Durable.AzureStorage.Worker;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable.AzureStorage.Tests;

/// <summary>
/// A worker and client of Microsoft's engine on a task hub in the shared Azurite, wired as the host wires
/// them: the SDK's builders with <c>UseAzureStorageEngine</c>. Polling is short so tests wait little.
/// </summary>
internal sealed class EngineTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly AzureStorageDurableTaskWorker _worker;

    private EngineTestHost(ServiceProvider services, AzureStorageEngineOptions options)
    {
        _services = services;
        Options = options;
        _worker = services.GetServices<IHostedService>().OfType<AzureStorageDurableTaskWorker>().Single();
        Client = services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public AzureStorageEngineOptions Options { get; }

    public IServiceProvider Services => _services;

    public static AzureStorageEngineOptions NewHub() => new()
    {
        HubName = UniqueName.For("ms"),
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<EngineTestHost> StartAsync(Action<DurableTaskRegistry>? register = null, AzureStorageEngineOptions? options = null, Action<IServiceCollection>? services = null)
    {
        var azurite = await SharedAzurite.GetAsync();
        options ??= NewHub();
        var collection = new ServiceCollection();
        if (Environment.GetEnvironmentVariable("DURABLE_TEST_LOG") is not null)
        {
            collection.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Information));
        }

        services?.Invoke(collection);
        collection.AddDurableTaskWorker(b => b.AddTasks(r => register?.Invoke(r)).UseAzureStorageEngine(azurite.ConnectionString, options));
        collection.AddDurableTaskClient(b => b.UseAzureStorageEngine(azurite.ConnectionString, options));
        var host = new EngineTestHost(collection.BuildServiceProvider(), options);
        await host._worker.StartAsync(CancellationToken.None);
        return host;
    }

    /// <summary>Waits (bounded) for the instance to end.</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId, int seconds = 60)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Waits (bounded) until the instance's status satisfies <paramref name="condition"/>.</summary>
    public async Task<OrchestrationMetadata> StatusAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, int seconds = 60)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            if (await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cts.Token) is { } metadata && condition(metadata))
            {
                return metadata;
            }

            await Task.Delay(50, cts.Token);
        }
    }

    /// <summary>Waits (bounded) until the instance's history satisfies <paramref name="condition"/>.</summary>
    public async Task HistoryAsync(string instanceId, Func<IList<DurableTask.Core.History.HistoryEvent>, bool> condition, int seconds = 60)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            if (await Client.GetInstanceAsync(instanceId, cancellation: cts.Token) is not null && condition(await Client.GetOrchestrationHistoryAsync(instanceId, cts.Token)))
            {
                return;
            }

            await Task.Delay(50, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _worker.StopAsync(stop.Token);
        await _services.DisposeAsync();
    }
}
