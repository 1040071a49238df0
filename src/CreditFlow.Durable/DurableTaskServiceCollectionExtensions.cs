using CreditFlow.Durable.Diagnostics;
using CreditFlow.Durable.Storage;
using CreditFlow.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Durable;

/// <summary>Registers the durable runtime: task hub, worker (as a hosted service) and client.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>Adds the runtime with the diagnostics orchestrations and whatever <paramref name="register"/> adds.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="connectionString">The storage account (AzureWebJobsStorage).</param>
    /// <param name="options">Settings from host.json.</param>
    /// <param name="register">Registers the application's orchestrators and activities.</param>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, string connectionString, DurableTaskOptions options, Action<DurableTaskRegistry> register)
    {
        var registry = new DurableTaskRegistry();
        DiagnosticOrchestrations.Register(registry);
        register(registry);
        services.AddSingleton(registry);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new TaskHub(connectionString, options));
        services.AddSingleton(sp => new DurableTaskWorker(
            sp.GetRequiredService<TaskHub>(), registry, sp, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(), sp.GetService<IFaultInjector>()));
        services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());
        services.AddSingleton(sp => new DurableTaskClient(sp.GetRequiredService<TaskHub>(), sp.GetRequiredService<DurableTaskWorker>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
