using CreditFlow.Host.OpenApi;
using CreditFlow.Host.Security;

namespace CreditFlow.Host.Applications;

/// <summary>Registers the credit REST API: API keys with roles, the applications and customers endpoints' services, and the OpenAPI document.</summary>
public static class ApplicationsApiServices
{
    /// <summary>
    /// Expects the credit storage, the durable client and the workflow services (scorecard model,
    /// authority matrix) to be registered too.
    /// </summary>
    /// <exception cref="Configuration.SettingsException">An <c>ApiKeys__N</c> setting is invalid.</exception>
    public static IServiceCollection AddApplicationsApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApiKeys(configuration);

        // The OpenAPI document describes bodies with these options: numbers read as JSON numbers, as JsonBody reads them.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonBody.Options.NumberHandling);
        services.AddApiDocumentation();
        services.AddSingleton<ApplicationValidator>();
        services.AddSingleton<ApplicationReader>();
        services.AddSingleton<FilingConflicts>();
        return services;
    }
}
