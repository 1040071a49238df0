using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Workflows.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>Registers the order check: its rules (shipped defaults), the ERP options and the service.</summary>
public static class OrderCheckServices
{
    /// <summary>
    /// Adds <see cref="OrderCheckService"/> (orders, shipments), <see cref="LedgerBookings"/> (invoices,
    /// payments, cancellations) and <see cref="HeldOrders"/> (the holds' side), the domain check under the credit policy in
    /// force (<see cref="CreditPolicies"/>) with the shipped exposure policy (a deployment that tunes it registers its own first), the ERP options
    /// and the background <see cref="HoldStarter"/>. The storage comes from <c>AddOrderCheckStorage</c>;
    /// the host adds <see cref="IErpCallbacks"/>.
    /// </summary>
    public static IServiceCollection AddOrderCheck(this IServiceCollection services, Action<ErpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ErpOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ExposurePolicy.Default);
        services.TryAddSingleton(sp => new ExposureCalculator(sp.GetRequiredService<ExposurePolicy>()));
        services.TryAddSingleton(LedgerRetryOptions.Default);
        services.TryAddSingleton<OrderCheckDecisions>();
        services.AddCreditPolicies();
        services.AddOptions<OrderAdmissionOptions>();
        services.TryAddSingleton<CustomerQueues>();
        services.TryAddSingleton<OrderAdmission>();
        services.TryAddSingleton<RecentAnswers>();
        services.TryAddSingleton<OrderCheckService>();
        services.TryAddSingleton<LedgerBookings>();
        services.TryAddSingleton<HeldOrders>();
        services.TryAddSingleton<HoldWakeUps>();
        services.AddOptions<HoldStartOptions>();
        services.TryAddSingleton<HoldStarter>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<HoldStarter>());
        return services;
    }
}
