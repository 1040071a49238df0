using CreditFlow.Durable.DependencyInjection;
using CreditFlow.Durable.History;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Worker;
using CreditFlow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CreditFlow.Durable.Tests.Runtime;

/// <summary>
/// A worker and client on a fresh task hub in the shared Azurite, with a fake clock, wired as an
/// application wires them: the SDK's builders with <c>UseCreditFlowStorage</c>.
/// </summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DurableTestHost(ServiceProvider services, FakeTimeProvider clock, string connectionString, Action<DurableTaskRegistry>? register, Action<IServiceCollection>? configure)
    {
        ConnectionString = connectionString;
        _services = services;
        Hub = services.GetRequiredService<TaskHub>();
        Worker = services.GetServices<IHostedService>().OfType<CreditFlowDurableTaskWorker>().Single();
        Client = services.GetRequiredService<DurableTaskClient>();
        Clock = clock;
        Register = register;
        Configure = configure;
    }

    public TaskHub Hub { get; }

    public string ConnectionString { get; }

    public CreditFlowDurableTaskWorker Worker { get; }

    public DurableTaskClient Client { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _services;

    private Action<DurableTaskRegistry>? Register { get; }

    private Action<IServiceCollection>? Configure { get; }

    public static DateTimeOffset Epoch { get; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public static async Task<DurableTestHost> StartAsync(
        AzuriteInstance azurite, Action<DurableTaskRegistry>? register = null, DurableTaskOptions? options = null,
        IFaultInjector? faults = null, FakeTimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        options ??= new DurableTaskOptions { HubName = UniqueName.For("hub"), ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(2), MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500) };
        clock ??= new FakeTimeProvider(Epoch);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);
        if (faults is not null)
        {
            collection.AddSingleton(faults);
        }

        if (Environment.GetEnvironmentVariable("DURABLE_TEST_LOG") is not null)
        {
            collection.AddLogging(b => b.AddSimpleConsole());
        }

        services?.Invoke(collection);
        collection.AddDurableTaskWorker(b => b.AddTasks(r => register?.Invoke(r)).UseCreditFlowStorage(azurite.ConnectionString, options));
        collection.AddDurableTaskClient(b => b.UseCreditFlowStorage(azurite.ConnectionString, options));
        var provider = collection.BuildServiceProvider();
        var host = new DurableTestHost(provider, clock, azurite.ConnectionString, register, services);
        await host.Worker.StartAsync(CancellationToken.None);
        return host;
    }

    /// <summary>A second worker on the same hub and clock, e.g. the one that takes over after a crash.</summary>
    public async Task<DurableTestHost> StartAnotherWorkerAsync(AzuriteInstance azurite, Action<DurableTaskRegistry>? register = null, Action<IServiceCollection>? services = null) =>
        await StartAsync(azurite, register ?? Register, Hub.Options, null, Clock, services ?? Configure);

    /// <summary>The instance's current execution as the engine stores it.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        (await Hub.Store.LoadAsync(instanceId, cancellationToken)).History;

    /// <summary>Every instance the index lists for <paramref name="query"/>, over all pages.</summary>
    public async Task<List<OrchestrationMetadata>> ListAsync(OrchestrationQuery? query = null)
    {
        var all = new List<OrchestrationMetadata>();
        await foreach (var instance in Client.GetAllInstancesAsync(query))
        {
            all.Add(instance);
        }

        return all;
    }

    /// <summary>Waits (bounded, real time) until the instance's history satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForHistoryAsync(string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, cancellation: cts.Token);
            if (instance is not null && instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending && condition(await HistoryAsync(instanceId, cts.Token)))
            {
                return;
            }

            await Task.Delay(20, cts.Token);
        }
    }

    /// <summary>Waits (bounded, real time) until the hub's stored timer rows satisfy <paramref name="condition"/>, and returns them.</summary>
    public async Task<IReadOnlyList<Azure.Data.Tables.TableEntity>> WaitForTimersAsync(
        Func<IReadOnlyList<Azure.Data.Tables.TableEntity>, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var rows = Hub.Timers.Query<Azure.Data.Tables.TableEntity>(cancellationToken: cts.Token).ToList();
            if (condition(rows))
            {
                return rows;
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
