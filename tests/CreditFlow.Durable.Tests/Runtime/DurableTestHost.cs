using Microsoft.Extensions.Logging;
using CreditFlow.Durable.Diagnostics;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Worker;
using CreditFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>A worker and client on a fresh task hub in the shared Azurite, with a fake clock.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DurableTestHost(ServiceProvider services, TaskHub hub, DurableTaskWorker worker, FakeTimeProvider clock, string connectionString)
    {
        ConnectionString = connectionString;
        _services = services;
        Hub = hub;
        Worker = worker;
        Clock = clock;
        Client = new DurableTaskClient(hub, worker, clock);
    }

    public TaskHub Hub { get; }

    public string ConnectionString { get; }

    public DurableTaskWorker Worker { get; }

    public DurableTaskClient Client { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _services;

    public static DateTimeOffset Epoch { get; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static async Task<DurableTestHost> StartAsync(
        AzuriteInstance azurite, Action<DurableTaskRegistry>? register = null, DurableTaskOptions? options = null,
        IFaultInjector? faults = null, FakeTimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        options ??= new DurableTaskOptions { HubName = UniqueName.For("hub"), ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2), MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500) };
        clock ??= new FakeTimeProvider(Epoch);
        var registry = new DurableTaskRegistry();
        DiagnosticOrchestrations.Register(registry);
        register?.Invoke(registry);
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        var hub = new TaskHub(azurite.ConnectionString, options);
        var worker = new DurableTaskWorker(hub, registry, provider, clock, Environment.GetEnvironmentVariable("DURABLE_TEST_LOG") is null ? null : Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddSimpleConsole()), faults);
        await worker.StartAsync(CancellationToken.None);
        return new DurableTestHost(provider, hub, worker, clock, azurite.ConnectionString);
    }

    /// <summary>A second worker on the same hub and clock, e.g. the one that takes over after a crash.</summary>
    public async Task<DurableTestHost> StartAnotherWorkerAsync(AzuriteInstance azurite, Action<DurableTaskRegistry>? register = null, Action<IServiceCollection>? services = null) =>
        await StartAsync(azurite, register, Hub.Options, null, Clock, services);

    /// <summary>Waits (bounded, real time) until the instance's history satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForHistoryAsync(string instanceId, Func<IReadOnlyList<History.HistoryEvent>, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, cancellationToken: cts.Token);
            if (instance is not null && instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending && condition(await Client.GetHistoryAsync(instanceId, cts.Token)))
            {
                return;
            }

            await Task.Delay(20, cts.Token);
        }
    }

    public async Task<OrchestrationMetadata> CompleteAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await _services.DisposeAsync();
    }
}
