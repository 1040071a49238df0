using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Storage.Policies;

/// <summary>Registers the credit policy's storage.</summary>
public static class PolicyStorageExtensions
{
    /// <summary>Registers <see cref="PolicyStore"/> on the table <c>{prefix}Policies</c>, created at start.</summary>
    public static IServiceCollection AddPolicyStorage(this IServiceCollection services, string connectionString, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var policies = new PolicyStore(new TableServiceClient(connectionString).GetTableClient(prefix + "Policies"));
        services.AddSingleton(policies);
        services.AddSingleton<IHostedService>(sp => new StorageInitializer(
            "the policies table", async ct => await policies.Table.CreateIfNotExistsAsync(ct), sp.GetService<ILogger<StorageInitializer>>()));
        return services;
    }
}
