using System.Text.Encodings.Web;
using System.Text.Unicode;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Security;
using CreditFlow.Host.Workspace.Customers;
using CreditFlow.Host.Workspace.Dashboard;
using CreditFlow.Host.Workspace.Imports;
using CreditFlow.Host.Workspace.Invoices;
using CreditFlow.Host.Workspace.Policies;

namespace CreditFlow.Host.Workspace;

/// <summary>The pages of the credit workspace rendered as Razor components, and what they share.</summary>
internal static class WorkspacePages
{
    // Scripts and styles only from /assets (the page's figures travel as JSON in a data block, not as inline script);
    // requests only to this site (an import's upload and progress).
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IServiceCollection AddWorkspacePages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents();
        // Names, findings and arrows are written as they are, not as numeric entities: customers' names are mostly
        // Chinese, and a worklist of them would otherwise be several times larger. '<', '&' and quotes stay encoded.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection("Dashboard")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReceivableSummaries>();
        services.AddHostedService<ReceivableSummaryUpdates>();
        services.AddSingleton<CreditBookReadings>();
        services.AddSingleton<Customers.CoreCustomerLines>();
        services.AddSingleton<ReceivablesDashboard>();
        services.AddSingleton<CustomerFiles>();
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection("Imports")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportCheck>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkspacePages(this IEndpointRouteBuilder app)
    {
        app.MapWorkspaceAssets();
        app.MapDashboard();
        app.MapCustomerPages();
        app.MapInvoicesPage();
        app.MapImportPages();
        app.MapPolicyPages();
        return app;
    }

    /// <summary>The pages under <paramref name="path"/>: hardened, refusing cross-origin and tokenless posts, for signed-in credit users only, not in the API reference.</summary>
    public static RouteGroupBuilder MapWorkspaceGroup(this IEndpointRouteBuilder app, string path) =>
        app.MapGroup(path)
            .GuardedAsWorkspacePages()
            .AddEndpointFilter(CreditGuard.SignedInAsync)
            .ExcludeFromDescription();

    /// <summary>
    /// The workspace's security headers and its refusal of cross-origin posts and of posts without the page's form token,
    /// without asking for a signed-in user (the sign-in itself).
    /// </summary>
    public static RouteGroupBuilder GuardedAsWorkspacePages(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(HardenAsync)
            .AddEndpointFilter(SameOriginFilter.Refusing(WorkspaceNotices.CrossOrigin))
            .AddEndpointFilter(FormTokenFilter.Refusing(WorkspaceNotices.StaleForm));

    /// <summary>Sets the security headers of a workspace page.</summary>
    private static ValueTask<object?> HardenAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        PageHeaders.HardenWithFormTokens(context.HttpContext.Response.Headers, ContentSecurityPolicy);
        return next(context);
    }
}
