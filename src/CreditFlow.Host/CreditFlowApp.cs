using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Apis;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Configuration;
using CreditFlow.Host.Customers;
using CreditFlow.Host.Demo;
using CreditFlow.Host.Erp;
using CreditFlow.Host.Extensions;
using CreditFlow.Host.Home;
using CreditFlow.Host.Mail;
using CreditFlow.Host.OpenApi;
using CreditFlow.Host.Problems;
using CreditFlow.Host.Rehearsal;
using CreditFlow.Host.Security;
using CreditFlow.Host.Telemetry;
using CreditFlow.Host.Workspace;
using CreditFlow.Host.Workspace.CreditApplications;
using CreditFlow.Storage;
using CreditFlow.Workflows;

namespace CreditFlow.Host;

/// <summary>Builds the CreditFlow web application; <c>Program</c> and the tests both start it here.</summary>
public static class CreditFlowApp
{
    /// <param name="args">Command-line arguments (e.g. <c>--urls</c>); they win over every other source.</param>
    /// <param name="appRoot">Folder holding host.json and local.settings.json.</param>
    /// <param name="environment">Environment variables, over the files.</param>
    /// <param name="overrideServices">Runs after every registration; tests replace e.g. the <see cref="TimeProvider"/> here.</param>
    /// <exception cref="SettingsException">A setting is missing or invalid.</exception>
    public static WebApplication Build(
        string[] args, string appRoot, IReadOnlyDictionary<string, string?> environment, Action<IServiceCollection>? overrideServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = appRoot });
        builder.Configuration.AddInMemoryCollection(FunctionAppSettingsLoader.Load(appRoot, environment));
        builder.Configuration.AddCommandLine(args);
        var settings = CreditFlowSettings.From(builder.Configuration);

        builder.AddCreditFlowLogging();
        builder.AddCreditFlowTelemetry(settings.Telemetry);
        builder.Services.AddRehearsalClock(builder.Configuration, builder.Environment, settings);
        builder.Services.AddPublicApiServices(settings, builder.Configuration);
        builder.Services.AddStorageReadiness(settings);
        builder.Services.AddSingleton<AdminKeyValidator>();
        builder.Services.AddSingleton<AdminKeyFilter>();
        builder.Services.AddDurableWorkflows(settings);
        builder.Services.AddDemoData(builder.Configuration);
        builder.Services.AddPublicRateLimits(settings.RateLimits);
        builder.Services.AddSharedDataProtection(settings);
        builder.Services.AddFormTokens();
        builder.Services.AddStaffSignIn(settings);
        builder.Services.AddWorkspacePages(builder.Configuration);
        overrideServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseCreditFlowForwardedHeaders(settings);
        app.UseCreditFlowSecurityHeaders();
        app.UseCreditFlowProblemDetails();
        app.UseDevelopmentFlag();
        app.UseAuthentication();
        app.UseAuthorization();

        // After authentication, as antiforgery requires; it checks the endpoints that bind a form themselves
        // ([FromForm]), the pages' own posts pass FormTokenFilter.
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.MapLandingPage();
        app.MapHealthApi();
        app.MapAdminPages();
        app.MapDurableManagementApi();
        app.MapOutbox();
        app.MapPublicApi();
        app.MapRehearsalApi();
        app.MapApiDocumentation();
        app.MapCreditPages();
        app.MapWorkspacePages();
        app.MapStaffSignIn(settings);
        app.MapApplicationPage();
        app.MapCreditReportPage();
        return app;
    }
}
