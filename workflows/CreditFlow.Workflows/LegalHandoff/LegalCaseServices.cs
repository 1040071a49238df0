using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreditFlow.Workflows.LegalHandoff;

/// <summary>Registers legal handoff: its settings from <c>LegalCases</c> and the services its activities and callers use.</summary>
public static class LegalCaseServices
{
    /// <summary>
    /// Binds <c>LegalCases</c> (validated at start) and adds <see cref="CaseSteps"/>, <see cref="CaseFiles"/> and
    /// <see cref="LegalCases"/>. Without an <see cref="IAgencyChannel"/> of the host's, no agency is known (litigation and
    /// arbitration only); the host adds its channel and, for links in mails and placements, the <see cref="ICaseLinks"/>.
    /// Storage comes from <c>AddCaseStorage</c>.
    /// </summary>
    public static IServiceCollection AddLegalCases(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LegalCaseOptions>().Bind(configuration.GetSection("LegalCases")).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<CaseFiles>();
        services.TryAddSingleton<CaseDebts>();
        services.TryAddSingleton<CaseSteps>();
        services.TryAddSingleton<LegalCases>();
        services.TryAddSingleton<IAgencyChannel, NoAgencies>();
        return services;
    }
}

/// <summary>The legal case orchestration and its activities.</summary>
internal static class LegalCaseRegistration
{
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<LegalCaseWorkflow>()
        .AddActivity<TakeCaseSteps>()
        .AddActivity<RecordCaseDecision>();
}
