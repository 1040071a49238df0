using System.Collections.Concurrent;
using CreditFlow.Durable;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Durable.DependencyInjection;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Hosting;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Bench;

/// <summary>A fresh task hub with one in-process worker and a client attached to it.</summary>
internal sealed class BenchHub : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;

    private BenchHub(TaskHub hub, CreditFlowDurableTaskWorker worker, DurableTaskClient client, ServiceProvider services, ILoggerFactory loggerFactory, WarningCollector warnings)
    {
        Hub = hub;
        Worker = worker;
        Client = client;
        _services = services;
        _loggerFactory = loggerFactory;
        Warnings = warnings;
    }

    public TaskHub Hub { get; }

    public CreditFlowDurableTaskWorker Worker { get; }

    public DurableTaskClient Client { get; }

    /// <summary>Warnings and errors the runtime logged on this hub.</summary>
    public WarningCollector Warnings { get; }

    /// <summary>Creates the hub (unique name, default options otherwise) and starts its worker.</summary>
    public static async Task<BenchHub> StartAsync(string connectionString, string label, CancellationToken cancellationToken)
    {
        var options = new DurableTaskOptions { HubName = $"bench{label}{Guid.NewGuid():N}"[..Math.Min(45, 37 + label.Length)] };
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems.Select(p => $"{p.Key}: {p.Problem}")));
        }

        var warnings = new WarningCollector();
        var loggerFactory = new LoggerFactory([warnings]);
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(loggerFactory);
        collection.AddDurableTaskWorker(b => b.AddTasks(r => r.AddOrchestrator<SingleActivity>()).UseCreditFlowStorage(connectionString, options));
        collection.AddDurableTaskClient(b => b.UseCreditFlowStorage(connectionString, options));
        var services = collection.BuildServiceProvider();
        var worker = services.GetServices<IHostedService>().OfType<CreditFlowDurableTaskWorker>().Single();
        await worker.StartAsync(cancellationToken);
        return new BenchHub(services.GetRequiredService<TaskHub>(), worker, services.GetRequiredService<DurableTaskClient>(), services, loggerFactory, warnings);
    }

    /// <summary>Stops the worker and deletes the hub, each bounded so a stuck loop cannot hang the run.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Worker.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Warnings.Note("bench: worker did not stop within 30 s");
        }

        try
        {
            await Hub.DeleteAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (e is TimeoutException or Azure.RequestFailedException)
        {
            Warnings.Note($"bench: deleting the hub failed: {e.GetType().Name}: {e.Message}");
        }

        _loggerFactory.Dispose();
        await _services.DisposeAsync();
    }
}

/// <summary>Keeps count of the warnings and errors the runtime logs, with the first few messages.</summary>
internal sealed class WarningCollector : ILoggerProvider
{
    private const int MaxSamples = 10;
    private readonly ConcurrentQueue<string> _samples = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public IReadOnlyList<string> Samples => [.. _samples];

    public void Note(string message)
    {
        if (Interlocked.Increment(ref _count) <= MaxSamples)
        {
            _samples.Enqueue(message);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(WarningCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var text = $"{logLevel} {category}: {formatter(state, exception)}";
                owner.Note(exception is null ? text : $"{text} ({exception.GetType().Name}: {exception.Message})");
            }
        }
    }
}
