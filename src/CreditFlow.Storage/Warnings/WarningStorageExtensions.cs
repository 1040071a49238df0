using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Storage.Warnings;

/// <summary>Registers the warnings' storage.</summary>
public static class WarningStorageExtensions
{
    /// <summary>Registers <see cref="WarningStore"/> on <c>{prefix}Warnings</c>, created at start.</summary>
    public static IServiceCollection AddWarningStorage(this IServiceCollection services, string connectionString, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var warnings = new WarningStore(new TableServiceClient(connectionString).GetTableClient(prefix + "Warnings"));
        services.AddSingleton(warnings);
        services.AddSingleton<IHostedService>(sp => new StorageInitializer(
            "the warnings table", async ct => await warnings.Table.CreateIfNotExistsAsync(ct), sp.GetService<ILogger<StorageInitializer>>()));
        return services;
    }
}
