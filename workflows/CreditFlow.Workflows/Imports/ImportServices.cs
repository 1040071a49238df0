using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreditFlow.Workflows.Imports;

/// <summary>Registers imports: the service that starts and applies them. Storage comes from <c>AddImportStorage</c>.</summary>
public static class ImportServices
{
    /// <summary>Adds <see cref="ImportApplication"/>.</summary>
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.TryAddSingleton<ImportApplication>();
        return services;
    }
}

/// <summary>The import orchestration and its activity.</summary>
internal static class ImportRegistration
{
    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<ImportWorkflow>()
        .AddActivity<ApplyImportRows>();
}
