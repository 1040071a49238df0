using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CreditFlow.Storage.Budgets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Storage.Imports;

/// <summary>Registers the imports' storage.</summary>
public static class ImportStorageExtensions
{
    /// <summary>
    /// Registers <see cref="ImportStore"/> on the table <c>{prefix}Imports</c> and the container <c>{prefix}imports</c>, and
    /// <see cref="SalesBudgetStore"/> (what budget files bring) on <c>{prefix}Budgets</c>, created at start.
    /// </summary>
    public static IServiceCollection AddImportStorage(this IServiceCollection services, string connectionString, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var imports = new ImportStore(
            new TableServiceClient(connectionString).GetTableClient(prefix + "Imports"),
            new BlobServiceClient(connectionString).GetBlobContainerClient(prefix.ToLowerInvariant() + "imports"));
        var budgets = new SalesBudgetStore(new TableServiceClient(connectionString).GetTableClient(prefix + "Budgets"));
        services.AddSingleton(imports);
        services.AddSingleton(budgets);
        services.AddSingleton<IHostedService>(sp => new StorageInitializer(
            "the imports and budget tables and the imports container",
            async ct =>
            {
                await imports.Table.CreateIfNotExistsAsync(ct);
                await imports.Rows.CreateIfNotExistsAsync(cancellationToken: ct);
                await budgets.Table.CreateIfNotExistsAsync(ct);
            },
            sp.GetService<ILogger<StorageInitializer>>()));
        return services;
    }
}
