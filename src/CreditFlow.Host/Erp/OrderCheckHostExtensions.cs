using CreditFlow.Host.Configuration;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Receivables;
using CreditFlow.Host.Security;
using CreditFlow.Host.Workspace.Blacklist;
using CreditFlow.Host.Workspace.Cases;
using CreditFlow.Host.Workspace.Holds;
using CreditFlow.Host.Workspace.Reviews;
using CreditFlow.Host.Workspace.Tasks;
using CreditFlow.Host.Workspace.Warnings;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.OrderCheck;

namespace CreditFlow.Host.Erp;

/// <summary>Wires the order-to-shipment check into the host: storage, service, webhooks, worklist, the credit sign-in.</summary>
internal static class OrderCheckHostExtensions
{
    /// <summary>
    /// Registers the customer ledger and holds storage, the order check service, the signed callbacks to the ERP and the ERP options:
    /// keys and callback URL from the validated settings, timings from <c>Erp__SignatureWindow</c>,
    /// <c>Erp__CallbackMaxAttempts</c>, <c>Erp__CallbackFirstRetry</c>, <c>Erp__CallbackMaxRetryInterval</c>, <c>Erp__CallbackTimeout</c>.
    /// </summary>
    /// <exception cref="SettingsException">A timing setting is invalid.</exception>
    public static IServiceCollection AddErpOrderCheck(this IServiceCollection services, CreditFlowSettings settings, IConfiguration configuration)
    {
        var defaults = new ErpOptions();
        var window = Duration(configuration, "SignatureWindow", defaults.SignatureWindow, TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));
        var first = Duration(configuration, "CallbackFirstRetry", defaults.CallbackFirstRetry, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        var max = Duration(configuration, "CallbackMaxRetryInterval", defaults.CallbackMaxRetryInterval, first, TimeSpan.FromDays(1));
        var timeout = Duration(configuration, "CallbackTimeout", defaults.CallbackTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        var attemptsText = configuration["Erp:CallbackMaxAttempts"];
        var attempts = defaults.CallbackMaxAttempts;
        if (!string.IsNullOrEmpty(attemptsText) && (!int.TryParse(attemptsText, out attempts) || attempts is < 1 or > 100_000))
        {
            throw new SettingsException("Erp__CallbackMaxAttempts", "must be a whole number from 1 to 100000.");
        }

        services.AddOrderCheckStorage(settings.StorageConnectionString, settings.StoragePrefix);
        services.AddOrderCheck(o =>
        {
            o.SigningKeys = settings.ErpSigningKeys;
            o.CallbackUrl = settings.ErpCallbackUrl;
            o.SignatureWindow = window;
            o.CallbackFirstRetry = first;
            o.CallbackMaxRetryInterval = max;
            o.CallbackTimeout = timeout;
            o.CallbackMaxAttempts = attempts;
        });
        services.AddSingleton<ErpMessageSigning>();
        services.AddHttpClient(SignedErpCallbacks.ClientName);
        services.AddSingleton<IErpCallbacks, SignedErpCallbacks>();
        services.AddSingleton<CreditSessions>();

        // Dunning follows every invoice the ledger books; its letters link the customer's payment page.
        services.AddPaymentLinks(settings.PublicBaseUrl);
        return services;
    }

    /// <summary>Maps the sign-in of the credit pages, the holds, tasks, warnings, reviews, legal cases and blacklist pages (the ERP webhooks and the holds API are in <see cref="PublicApi"/>).</summary>
    public static IEndpointRouteBuilder MapCreditPages(this IEndpointRouteBuilder app)
    {
        app.MapCreditSignIn();
        app.MapFlashDismiss();
        app.MapHoldsPage();
        app.MapTasksPage();
        app.MapWarningsPage();
        app.MapReviewsPage();
        app.MapCasesPage();
        app.MapBlacklistPage();
        return app;
    }

    private static TimeSpan Duration(IConfiguration configuration, string key, TimeSpan fallback, TimeSpan least, TimeSpan most)
    {
        var text = configuration[$"Erp:{key}"];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < least || value > most)
        {
            throw new SettingsException($"Erp__{key}", $"must be a time span (hh:mm:ss) from {least} to {most}.");
        }

        return value;
    }
}
