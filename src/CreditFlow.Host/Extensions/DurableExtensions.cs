using CreditFlow.Durable.AzureStorage.DependencyInjection;
using CreditFlow.Durable.DependencyInjection;
using CreditFlow.Host.Configuration;
using CreditFlow.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace CreditFlow.Host.Extensions;

/// <summary>The durable worker and client: the official SDK's, on the engine host.json names (CreditFlow's unless <c>storageProvider.type</c> says AzureStorage).</summary>
internal static class DurableExtensions
{
    /// <summary>Registers every lifecycle with the SDK's worker and plugs both worker and client into the task hub of host.json.</summary>
    public static IServiceCollection AddDurableWorkflows(this IServiceCollection services, CreditFlowSettings settings)
    {
        if (settings.Backend == DurableBackend.AzureStorage)
        {
            services.AddDurableTaskWorker(worker => worker
                .AddTasks(registry => registry.AddCreditFlowWorkflows())
                .UseAzureStorageEngine(settings.StorageConnectionString, settings.AzureStorage));
            services.AddDurableTaskClient(client => client.UseAzureStorageEngine(settings.StorageConnectionString, settings.AzureStorage));
            return services;
        }

        services.AddDurableTaskWorker(worker => worker
            .AddTasks(registry => registry.AddCreditFlowWorkflows())
            .UseCreditFlowStorage(settings.StorageConnectionString, settings.Durable));
        services.AddDurableTaskClient(client => client.UseCreditFlowStorage(settings.StorageConnectionString, settings.Durable));
        return services;
    }
}
