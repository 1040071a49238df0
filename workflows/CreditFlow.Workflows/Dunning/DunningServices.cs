using CreditFlow.Workflows.Tasks;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CreditFlow.Workflows.Dunning;

/// <summary>Registers dunning: the shipped ladder, its settings and the services its activities and callers use.</summary>
public static class DunningServices
{
    /// <summary>
    /// Binds <c>Dunning</c> (validated at start) and adds <see cref="DunningSteps"/>, <see cref="InvoiceDunning"/>, the
    /// requests to pay later and collection plans, the overdue-task escalator (a background round) and the shipped ladder
    /// (a deployment that tunes it registers its own first). Storage comes from <c>AddDunningStorage</c>.
    /// </summary>
    public static IServiceCollection AddDunning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DunningOptions>().Bind(configuration.GetSection("Dunning")).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<DunningContacts>();
        services.TryAddSingleton<DunningSteps>();
        services.TryAddSingleton<InvoiceDunning>();
        services.TryAddSingleton<PaymentExtensions>();
        services.TryAddSingleton<CollectionPlans>();
        services.TryAddSingleton<TaskEscalations>();
        services.TryAddSingleton<TaskEscalator>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<TaskEscalator>());
        return services;
    }
}

/// <summary>The dunning orchestrations and their activities.</summary>
internal static class DunningRegistration
{
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<DunningWorkflow>() // version 1, until its last instance has ended
        .AddOrchestrator<DunningWorkflowV2>()
        .AddActivity<TakeDunningSteps>()
        .AddActivity<ReportStuckDunning>()
        .AddOrchestrator<PaymentExtensionWorkflow>()
        .AddActivity<RecordPaymentExtension>()
        .AddOrchestrator<CollectionPlanWorkflow>()
        .AddActivity<RecordCollectionPlan>();
}
