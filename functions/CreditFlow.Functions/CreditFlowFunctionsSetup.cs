using System.Collections;
using CreditFlow.Durable.AzureStorage.DependencyInjection;
using CreditFlow.Functions.Http;
using CreditFlow.Functions.Workflows;
using CreditFlow.Host;
using CreditFlow.Host.Configuration;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFlow.Functions;

/// <summary>The Functions worker's services: the host's public surfaces and the workflows' classes, read from the same settings.</summary>
internal static class CreditFlowFunctionsSetup
{
    /// <exception cref="SettingsException">A setting is missing or invalid (the worker stops with it, as the host does).</exception>
    public static FunctionsApplicationBuilder AddCreditFlowFunctions(this FunctionsApplicationBuilder builder)
    {
        // host.json is the Functions host's, but the worker reads it too (it is copied beside the worker), so both
        // hosts see the same hub name and settings; app settings override it as AzureFunctionsJobHost__... keys.
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        builder.Configuration.AddInMemoryCollection(FunctionAppSettingsLoader.Load(AppContext.BaseDirectory, environment));
        var settings = CreditFlowSettings.From(builder.Configuration);
        if (settings.Backend != DurableBackend.AzureStorage)
        {
            throw new SettingsException("host.json extensions.durableTask.storageProvider.type", "must be AzureStorage in the Functions app: its orchestrations run on the Durable extension, which is Microsoft's engine.");
        }

        builder.Services.AddPublicApiServices(settings, builder.Configuration);
        builder.Services.AddRouting();

        // The HTTP surfaces and the hold starter reach the Durable extension's task hub directly, as a client of
        // Microsoft's engine on the same storage account; a [DurableClient] binding exists only inside one invocation.
        builder.Services.AddDurableTaskClient(client => client.UseAzureStorageEngine(settings.StorageConnectionString, settings.AzureStorage));
        builder.Services.AddSingleton<WorkflowCatalog>();
        builder.Services.AddSingleton<PublicApiPipeline>();
        return builder;
    }
}
