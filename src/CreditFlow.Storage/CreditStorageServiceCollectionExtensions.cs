using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CreditFlow.Storage;

/// <summary>Registers the credit store and its repositories.</summary>
public static class CreditStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CreditStore"/>, each repository as a singleton, and a hosted service
    /// that creates the tables and container at start. Options are validated on start.
    /// </summary>
    public static IServiceCollection AddCreditStorage(
        this IServiceCollection services, string connectionString, string prefix, Action<CreditStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        services.AddOptions<CreditStorageOptions>()
            .Configure(o =>
            {
                o.Prefix = prefix;
                configure?.Invoke(o);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new CreditStore(
            new TableServiceClient(connectionString),
            new BlobServiceClient(connectionString),
            sp.GetRequiredService<IOptions<CreditStorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => sp.GetRequiredService<CreditStore>().Customers);
        services.AddSingleton(sp => sp.GetRequiredService<CreditStore>().Profiles);
        services.AddSingleton(sp => sp.GetRequiredService<CreditStore>().Decisions);
        services.AddSingleton(sp => sp.GetRequiredService<CreditStore>().Applications);
        services.AddSingleton(sp => sp.GetRequiredService<CreditStore>().Approvals);
        services.AddSingleton(sp => sp.GetRequiredService<CreditStore>().Documents);
        services.AddSingleton(sp => sp.GetRequiredService<CreditStore>().Reports);
        services.AddSingleton(sp => sp.GetRequiredService<CreditStore>().Blacklist);
        services.AddSingleton<Blacklist.Blacklisting>();
        // Not AddHostedService: it keeps one registration per implementation type, and two stores use this one.
        services.AddSingleton<IHostedService>(sp => new StorageInitializer(
            "the credit tables", sp.GetRequiredService<CreditStore>().EnsureCreatedAsync, sp.GetService<Microsoft.Extensions.Logging.ILogger<StorageInitializer>>()));
        return services;
    }
}
