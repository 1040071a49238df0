using Azure.Data.Tables;
using CreditFlow.Storage.Receivables;
using CreditFlow.Storage.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Storage.Dunning;

/// <summary>Registers dunning's storage: the invoices it follows and the tasks for people.</summary>
public static class DunningStorageExtensions
{
    /// <summary>
    /// Registers <see cref="DunningStore"/> on <c>{prefix}Dunning</c>, <see cref="CreditTaskStore"/> on <c>{prefix}Tasks</c>
    /// and <see cref="CustomerReceivablesStore"/> (the invoices summarised per customer) on <c>{prefix}Receivables</c>, created at start.
    /// </summary>
    public static IServiceCollection AddDunningStorage(this IServiceCollection services, string connectionString, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var tables = new TableServiceClient(connectionString);
        var receivables = tables.GetTableClient(prefix + "Receivables");
        var dunning = new DunningStore(tables.GetTableClient(prefix + "Dunning"), receivables);
        var tasks = new CreditTaskStore(tables.GetTableClient(prefix + "Tasks"));
        var summaries = new CustomerReceivablesStore(receivables);
        services.AddSingleton(dunning);
        services.AddSingleton(tasks);
        services.AddSingleton(summaries);
        services.AddSingleton<IHostedService>(sp => new StorageInitializer(
            "the dunning, task and receivables tables",
            async ct =>
            {
                await dunning.Table.CreateIfNotExistsAsync(ct);
                await tasks.Table.CreateIfNotExistsAsync(ct);
                await summaries.Table.CreateIfNotExistsAsync(ct);
            },
            sp.GetService<ILogger<StorageInitializer>>()));
        return services;
    }
}
