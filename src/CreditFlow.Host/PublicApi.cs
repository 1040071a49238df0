using CreditFlow.Host.Applications;
using CreditFlow.Host.Blacklist;
using CreditFlow.Host.Configuration;
using CreditFlow.Host.Customers;
using CreditFlow.Host.Erp;
using CreditFlow.Host.Cases;
using CreditFlow.Host.Extensions;
using CreditFlow.Host.Policies;
using CreditFlow.Host.Problems;
using CreditFlow.Host.Receivables;
using CreditFlow.Host.Reviews;
using CreditFlow.Host.Signals;
using CreditFlow.Host.Tasks;
using CreditFlow.Host.Warnings;
using CreditFlow.Storage;
using CreditFlow.Workflows;

namespace CreditFlow.Host;

/// <summary>
/// The surfaces this host shares with the Azure Functions app (<c>functions/CreditFlow.Functions</c>): the REST API,
/// the ERP webhooks with the holds API, the signals in, the approval pages and the customers' payment pages. Both run these same endpoints, with their binding,
/// validation, authorization and problem details; the Functions app declares one HTTP function per route and hands
/// the request to the pipeline <see cref="UsePublicApi"/> builds.
/// </summary>
public static class PublicApi
{
    /// <summary>Everything the public surfaces need besides a <c>DurableTaskClient</c>, which each host plugs in itself.</summary>
    /// <exception cref="SettingsException">A setting of these surfaces is invalid.</exception>
    public static IServiceCollection AddPublicApiServices(this IServiceCollection services, CreditFlowSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddCreditFlowProblemDetails();
        services.AddMailAndApprovals(settings);
        services.AddCreditStorage(settings.StorageConnectionString, settings.StoragePrefix);
        services.AddCreditFlowWorkflowServices(configuration);
        services.AddApplicationsApi(configuration);
        services.AddErpOrderCheck(settings, configuration);
        services.AddSignals(settings);
        services.AddLegalCaseHost(settings.PublicBaseUrl);
        services.AddSingleton<BlacklistDesk>();
        return services;
    }

    /// <summary>Maps the public surfaces' routes.</summary>
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        app.MapApplicationsApi();
        app.MapCustomersApi();
        app.MapOrderTermsApi();
        app.MapErpWebhooks();
        app.MapHoldsApi();
        app.MapReceivablesApi();
        app.MapTasksApi();
        app.MapWarningsApi();
        app.MapReviewsApi();
        app.MapSignalsApi();
        app.MapCasesApi();
        app.MapAgencyApi();
        app.MapBlacklistApi();
        app.MapPoliciesApi();
        app.MapApprovalPages();
        app.MapPaymentPages();
        return app;
    }

    /// <summary>
    /// The public surfaces as a request pipeline of their own (problem details, routing, API-key authentication and
    /// authorization, the endpoints), for a host that is not this web application: the Functions worker.
    /// </summary>
    public static IApplicationBuilder UsePublicApi(this IApplicationBuilder app) => app
        .UseCreditFlowProblemDetails()
        .UseRouting()
        .UseAuthentication()
        .UseAuthorization()
        .UseEndpoints(endpoints => endpoints.MapPublicApi());
}
