using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreditFlow.Workflows.Policies;

/// <summary>Registers the credit policy's versions. Storage comes from <c>AddPolicyStorage</c>.</summary>
public static class PolicyServices
{
    /// <summary>Adds <see cref="CreditPolicies"/> (the versions in force) and <see cref="PolicyDrafts"/>, with <see cref="PolicyOptions"/> from section <c>Policies</c>.</summary>
    public static IServiceCollection AddCreditPolicies(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(CreditPolicies)))
        {
            return services; // both the order check and the workflows ask for it
        }

        services.AddOptions<PolicyOptions>().BindConfiguration("Policies").ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CreditPolicies>();
        services.TryAddSingleton<PolicyDrafts>();
        return services;
    }
}

/// <summary>The credit policy's workflow and activity, for the durable worker.</summary>
internal static class PolicyRegistration
{
    /// <summary>Adds <see cref="PolicyApprovalWorkflow"/> and <see cref="RecordPolicyDecision"/>.</summary>
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<PolicyApprovalWorkflow>()
        .AddActivity<RecordPolicyDecision>();
}
