using CreditFlow.Host.Configuration;
using CreditFlow.Storage.Signals;

namespace CreditFlow.Host.Signals;

/// <summary>Wires the signals in: their table, the providers' keys and the webhook's signature check.</summary>
internal static class SignalsHostExtensions
{
    /// <summary>
    /// Registers <see cref="SignalStore"/> (<c>{prefix}Signals</c>), binds <c>Signals</c> (validated at start: a bad provider
    /// name or key stops start-up naming the setting) and adds <see cref="SignalProviderSigning"/>.
    /// </summary>
    public static IServiceCollection AddSignals(this IServiceCollection services, CreditFlowSettings settings)
    {
        services.AddSignalStorage(settings.StorageConnectionString, settings.StoragePrefix);
        services.AddOptions<SignalOptions>().BindConfiguration("Signals").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignalProviderSigning>();
        return services;
    }
}
