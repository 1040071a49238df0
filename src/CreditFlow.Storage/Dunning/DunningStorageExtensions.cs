using Azure.Data.Tables;
using CreditFlow.Storage.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Storage.Dunning;

/// <summary>Registers dunning's storage: the invoices it follows and the tasks for people.</summary>
public static class DunningStorageExtensions
{
    /// <summary>Registers <see cref="DunningStore"/> on <c>{prefix}Dunning</c> and <see cref="CreditTaskStore"/> on <c>{prefix}Tasks</c>, created at start.</summary>
    public static IServiceCollection AddDunningStorage(this IServiceCollection services, string connectionString, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var tables = new TableServiceClient(connectionString);
        var dunning = new DunningStore(tables.GetTableClient(prefix + "Dunning"));
        var tasks = new CreditTaskStore(tables.GetTableClient(prefix + "Tasks"));
        services.AddSingleton(dunning);
        services.AddSingleton(tasks);
        services.AddSingleton<IHostedService>(sp => new StorageInitializer(
            "the dunning and task tables",
            async ct =>
            {
                await dunning.Table.CreateIfNotExistsAsync(ct);
                await tasks.Table.CreateIfNotExistsAsync(ct);
            },
            sp.GetService<ILogger<StorageInitializer>>()));
        return services;
    }
}
