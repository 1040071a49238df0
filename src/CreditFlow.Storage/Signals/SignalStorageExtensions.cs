using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Storage.Signals;

/// <summary>Registers the storage of the warning signals received about customers.</summary>
public static class SignalStorageExtensions
{
    /// <summary>Registers <see cref="SignalStore"/> on <c>{prefix}Signals</c>, created at start.</summary>
    public static IServiceCollection AddSignalStorage(this IServiceCollection services, string connectionString, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var signals = new SignalStore(new TableServiceClient(connectionString).GetTableClient(prefix + "Signals"));
        services.AddSingleton(signals);
        services.AddSingleton<IHostedService>(sp => new StorageInitializer(
            "the signals table", ct => signals.Table.CreateIfNotExistsAsync(ct), sp.GetService<ILogger<StorageInitializer>>()));
        return services;
    }
}
