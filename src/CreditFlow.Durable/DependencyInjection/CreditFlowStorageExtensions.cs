using CreditFlow.Durable.Client;
using CreditFlow.Durable.Diagnostics;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreditFlow.Durable.DependencyInjection;

/// <summary>
/// Plugs CreditFlow's engine into the SDK's builders, as the SDK's own gRPC backend plugs in:
/// <code>
/// services.AddDurableTaskWorker(b => b.AddTasks(r => ...).UseCreditFlowStorage(connectionString, options));
/// services.AddDurableTaskClient(b => b.UseCreditFlowStorage(connectionString, options));
/// </code>
/// </summary>
/// <remarks>
/// One task hub per service collection: both calls share it (the first one's settings win). The worker
/// is a hosted service; the client is the <see cref="DurableTaskClient"/> the container hands out. Time
/// comes from the registered <see cref="TimeProvider"/> (the system clock unless one is registered), so
/// tests and the rehearsal clock move durable timers too.
/// </remarks>
public static class CreditFlowStorageExtensions
{
    /// <summary>Runs the worker on CreditFlow's engine; also registers the engine's diagnostics orchestrations.</summary>
    /// <param name="builder">The SDK's worker builder.</param>
    /// <param name="connectionString">The storage account (AzureWebJobsStorage).</param>
    /// <param name="options">The task hub's settings (host.json's <c>extensions.durableTask</c>).</param>
    public static IDurableTaskWorkerBuilder UseCreditFlowStorage(this IDurableTaskWorkerBuilder builder, string connectionString, DurableTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddTaskHub(builder.Services, connectionString, options);
        builder.AddTasks(DiagnosticOrchestrations.Register);
        return builder.UseBuildTarget<CreditFlowDurableTaskWorker>();
    }

    /// <summary>Makes the client a client of CreditFlow's engine.</summary>
    /// <param name="builder">The SDK's client builder.</param>
    /// <param name="connectionString">The storage account (AzureWebJobsStorage).</param>
    /// <param name="options">The task hub's settings (host.json's <c>extensions.durableTask</c>).</param>
    public static IDurableTaskClientBuilder UseCreditFlowStorage(this IDurableTaskClientBuilder builder, string connectionString, DurableTaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddTaskHub(builder.Services, connectionString, options);
        return builder.UseBuildTarget<CreditFlowDurableTaskClient>();
    }

    private static void AddTaskHub(IServiceCollection services, string connectionString, DurableTaskOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is [var problem, ..])
        {
            throw new ArgumentException($"extensions.durableTask.{problem.Key} {problem.Problem}", nameof(options));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new TaskHub(connectionString, sp.GetRequiredService<DurableTaskOptions>()));
    }
}
