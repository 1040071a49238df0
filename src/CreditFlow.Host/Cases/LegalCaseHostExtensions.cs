using CreditFlow.Workflows.LegalHandoff;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Cases;

/// <summary>Wires legal handoff into the host: the agencies (settings, signed channel) and the case links.</summary>
internal static class LegalCaseHostExtensions
{
    /// <summary>
    /// Binds <c>Agencies</c> (validated at start) and adds <see cref="SignedAgencyChannel"/> as the workflows'
    /// <see cref="IAgencyChannel"/> and <see cref="CaseLinks"/> under <paramref name="publicBaseUrl"/>.
    /// </summary>
    public static IServiceCollection AddLegalCaseHost(this IServiceCollection services, Uri publicBaseUrl)
    {
        services.AddOptions<AgencyOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                // "Agencies__<name>__…" names the agencies; the two timings sit beside them, so they are read apart.
                foreach (var child in configuration.GetSection("Agencies").GetChildren())
                {
                    if (child.Key is nameof(AgencyOptions.SignatureWindow) or nameof(AgencyOptions.SendTimeout))
                    {
                        continue;
                    }

                    options.Agencies[child.Key] = child.Get<AgencySettings>() ?? new AgencySettings();
                }

                if (configuration.GetValue<TimeSpan?>("Agencies:SignatureWindow") is { } window)
                {
                    options.SignatureWindow = window;
                }

                if (configuration.GetValue<TimeSpan?>("Agencies:SendTimeout") is { } timeout)
                {
                    options.SendTimeout = timeout;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient(SignedAgencyChannel.ClientName);
        services.AddSingleton<SignedAgencyChannel>();
        services.AddSingleton<IAgencyChannel>(sp => sp.GetRequiredService<SignedAgencyChannel>());
        services.AddSingleton<ICaseLinks>(new CaseLinks(publicBaseUrl));
        return services;
    }
}
