using CreditFlow.Domain.Warnings;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CreditFlow.Workflows.Warnings;

/// <summary>Registers early warning: the shipped rules, the settings and the services its activities and callers use.</summary>
public static class WarningServices
{
    /// <summary>
    /// Binds <c>Warnings</c> (validated at start) and adds <see cref="WarningSteps"/>, <see cref="CustomerWarnings"/> and the
    /// shipped rules (a deployment that tunes them registers its own first), and the nightly signals (a background round;
    /// their windows from <c>Warnings:InternalSignals</c>). Storage comes from <c>AddWarningStorage</c>.
    /// </summary>
    public static IServiceCollection AddWarnings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WarningOptions>().Bind(configuration.GetSection("Warnings")).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<WarningSteps>();
        services.TryAddSingleton<CustomerWarnings>();
        services.TryAddSingleton(configuration.GetSection("Warnings:InternalSignals").Get<InternalSignals>() ?? InternalSignals.Default);
        services.TryAddSingleton<NightlySignals>();
        services.TryAddSingleton<NightlySignalRound>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<NightlySignalRound>());
        return services;
    }
}

/// <summary>The warning orchestration and its activities.</summary>
internal static class WarningRegistration
{
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<WarningWorkflow>()
        .AddActivity<RaiseWarning>()
        .AddActivity<ChaseWarning>()
        .AddActivity<CloseWarning>();
}
