using CreditFlow.Host.Security;
using CreditFlow.Workflows.Dunning;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Receivables;

/// <summary>Registers the signed payment links dunning letters carry and what the page they open reads.</summary>
internal static class PaymentLinkServices
{
    /// <summary>
    /// Binds <c>PaymentLinks</c> (validated at start) and adds <see cref="PaymentLinks"/> as the workflows'
    /// <see cref="IPaymentLinks"/> (links start with <paramref name="publicBaseUrl"/>), with <see cref="PaymentPageContext"/>.
    /// </summary>
    public static IServiceCollection AddPaymentLinks(this IServiceCollection services, Uri publicBaseUrl)
    {
        services.AddOptions<PaymentLinkOptions>().BindConfiguration("PaymentLinks").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PaymentLinkOptions>>();
            return new PaymentLinks(new PaymentLinkKeys(options.Value.SigningKey, options.Value.PreviousSigningKey), options, publicBaseUrl);
        });
        services.AddSingleton<IPaymentLinks>(sp => sp.GetRequiredService<PaymentLinks>());
        services.AddSingleton<PaymentPageContext>();
        return services;
    }
}
