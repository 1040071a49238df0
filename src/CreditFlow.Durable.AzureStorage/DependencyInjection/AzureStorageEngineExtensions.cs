using CreditFlow.Durable.AzureStorage.Client;
using CreditFlow.Durable.AzureStorage.Worker;
using CreditFlow.Durable.Diagnostics;
using CreditFlow.Durable.Execution;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreditFlow.Durable.AzureStorage.DependencyInjection;

/// <summary>
/// Plugs Microsoft's engine (DurableTask.AzureStorage) into the SDK's builders, as <c>UseCreditFlowStorage</c>
/// plugs in CreditFlow's:
/// <code>
/// services.AddDurableTaskWorker(b => b.AddTasks(r => ...).UseAzureStorageEngine(connectionString, options));
/// services.AddDurableTaskClient(b => b.UseAzureStorageEngine(connectionString, options));
/// </code>
/// </summary>
/// <remarks>
/// One task hub per service collection: both calls share it (the first one's settings win). Payloads are
/// CreditFlow's JSON on both engines. Timers and orchestration time follow the wall clock whatever
/// <see cref="TimeProvider"/> is registered; the worker says so at start-up when another one is.
/// </remarks>
public static class AzureStorageEngineExtensions
{
    /// <summary>Runs the worker on Microsoft's engine; also registers CreditFlow's diagnostics orchestrations.</summary>
    /// <param name="builder">The SDK's worker builder.</param>
    /// <param name="connectionString">The storage account (AzureWebJobsStorage).</param>
    /// <param name="options">The task hub's settings (host.json's <c>extensions.durableTask</c>).</param>
    public static IDurableTaskWorkerBuilder UseAzureStorageEngine(this IDurableTaskWorkerBuilder builder, string connectionString, AzureStorageEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddTaskHub(builder.Services, connectionString, options);
        builder.AddTasks(DiagnosticOrchestrations.Register);
        builder.Services.Configure<DurableTaskWorkerOptions>(builder.Name, o => o.DataConverter = PayloadConverter.Instance);
        return builder.UseBuildTarget<AzureStorageDurableTaskWorker>();
    }

    /// <summary>Makes the client a client of Microsoft's engine.</summary>
    /// <param name="builder">The SDK's client builder.</param>
    /// <param name="connectionString">The storage account (AzureWebJobsStorage).</param>
    /// <param name="options">The task hub's settings (host.json's <c>extensions.durableTask</c>).</param>
    public static IDurableTaskClientBuilder UseAzureStorageEngine(this IDurableTaskClientBuilder builder, string connectionString, AzureStorageEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddTaskHub(builder.Services, connectionString, options);
        return builder.UseBuildTarget<AzureStorageDurableTaskClient>();
    }

    private static void AddTaskHub(IServiceCollection services, string connectionString, AzureStorageEngineOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is [var problem, ..])
        {
            throw new ArgumentException($"extensions.durableTask.{problem.Key} {problem.Problem}", nameof(options));
        }

        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new AzureStorageTaskHub(
            connectionString, sp.GetRequiredService<AzureStorageEngineOptions>(), sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
    }
}
