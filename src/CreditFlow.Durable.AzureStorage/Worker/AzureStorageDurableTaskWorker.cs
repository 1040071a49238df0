using CreditFlow.Durable.Versioning;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CreditFlow.Durable.AzureStorage.Worker;

/// <summary>
/// The SDK's durable worker on Microsoft's engine: a <see cref="TaskHubWorker"/> over the hub's
/// <see cref="DurableTask.AzureStorage.AzureStorageOrchestrationService"/>, running the orchestrators and
/// activities of the SDK's <see cref="DurableTaskRegistry"/> through the SDK's <see cref="DurableTaskShimFactory"/>.
/// Created by the SDK's worker builder (<c>UseAzureStorageEngine</c>); a hosted service.
/// </summary>
/// <remarks>
/// Payloads are written by the SDK's data converter, which <c>UseAzureStorageEngine</c> sets to CreditFlow's
/// (camelCase JSON, as the Functions worker writes them), so a host on either engine reads them alike.
/// </remarks>
public sealed class AzureStorageDurableTaskWorker : Microsoft.DurableTask.Worker.Hosting.DurableTaskWorker
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private readonly AzureStorageTaskHub _hub;
    private readonly DurableTaskRegistry _registry;
    private readonly DurableTaskWorkerOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private TaskHubWorker? _worker;
    private bool _started;

    /// <summary>Created by the SDK's worker builder.</summary>
    /// <param name="name">The worker's name in the SDK's builder.</param>
    /// <param name="factory">The SDK's factory of the registered orchestrators and activities.</param>
    /// <param name="hub">The task hub to work on.</param>
    /// <param name="registries">The SDK's registries, by worker name (for the orchestrators' versions).</param>
    /// <param name="options">The SDK's worker options, by worker name (data converter, timer interval).</param>
    /// <param name="services">Where orchestrators and activities are created from (activities one scope per call).</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="time">The registered clock; only compared with the system clock, since this engine cannot follow another.</param>
    public AzureStorageDurableTaskWorker(
        string? name, IDurableTaskFactory factory, AzureStorageTaskHub hub, IOptionsMonitor<DurableTaskRegistry> registries,
        IOptionsMonitor<DurableTaskWorkerOptions> options, IServiceProvider services, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(registries);
        ArgumentNullException.ThrowIfNull(options);
        _hub = hub;
        _registry = registries.Get(Name);
        _options = options.Get(Name);
        _services = services;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<AzureStorageDurableTaskWorker>();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The task hub this worker serves.</summary>
    public AzureStorageTaskHub Hub => _hub;

    /// <summary>
    /// Reads the orchestrators' versions (a duplicate stops start-up here), says what this engine cannot do,
    /// then starts working in the background.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var versions = new OrchestratorVersions(_registry, _services);
        var shims = new DurableTaskShimFactory(_options, _loggerFactory);
        var orchestrations = new OrchestrationCatalog(versions, shims, _services, _logger);
        var activities = new ActivityCatalog(Factory, shims, _services.GetRequiredService<IServiceScopeFactory>());
        _worker = new TaskHubWorker(_hub.Service, orchestrations, activities, _loggerFactory)
        {
            // The SDK's shims carry failures as FailureDetails; the engine's older default would serialise exceptions.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        _worker.AddOrchestrationDispatcherMiddleware(ExecutionBinding.BindAsync);

        Log.Started(_logger, _hub.Options.HubName, _hub.Options.PartitionCount, _hub.Options.ExtendedSessionsEnabled);
        if (_time != TimeProvider.System)
        {
            Log.ClockNotFollowed(_logger, _time.GetType().Name);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <summary>Starts the engine, retrying while storage does not answer, so the host keeps serving its probes meanwhile.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _worker!.StartAsync().WaitAsync(stoppingToken);
                _started = true;
                return;
            }
            catch (Exception e) when (IsStorageProblem(e) && !stoppingToken.IsCancellationRequested)
            {
                Log.StorageUnavailable(_logger, e, _hub.Options.HubName, RetryDelay);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    /// <summary>Storage did not answer, directly or wrapped by the engine.</summary>
    private static bool IsStorageProblem(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is Azure.RequestFailedException or HttpRequestException or System.Net.Sockets.SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Stops taking work, lets running work items finish and hands the partitions back.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_started && _worker is not null)
        {
            _started = false;
            try
            {
                await _worker.StopAsync(isForced: false).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The host stops waiting; the engine's leases expire on their own.
            }
        }
    }
}
