using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace CreditFlow.Host.Security;

/// <summary>Registers API-key authentication with role policies.</summary>
public static class ApiKeyServices
{
    /// <summary>
    /// Reads the <c>ApiKeys</c> settings (a bad entry stops start-up with a <see cref="Configuration.SettingsException"/>)
    /// and registers the scheme and the <see cref="ApiKeyPolicies"/>. No default scheme is set: only
    /// endpoints that ask for an API key policy look at the header.
    /// </summary>
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ApiKeyRing.From(configuration));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddApiKeyPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiKeyAuthorizationResultHandler>();
        return services;
    }
}
