using CreditFlow.Host.Credit;
using CreditFlow.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary><c>GET /credit/dashboard</c>: the receivables dashboard, for any signed-in credit user.</summary>
internal static class DashboardEndpoint
{
    public const string Path = "/credit/dashboard";

    public static RouteHandlerBuilder MapDashboard(this IEndpointRouteBuilder app) =>
        app.MapGroup(Path)
            .AddEndpointFilter(WorkspacePages.HardenAsync)
            .AddEndpointFilter(CreditGuard.SignedInAsync)
            .ExcludeFromDescription()
            .MapGet("", ShowAsync)
            .WithName("Dashboard")
            .WithSummary("Receivables: open and overdue, aging, risk classes, collection by month, the most overdue customers.");

    private static async Task<RazorComponentResult<DashboardPage>> ShowAsync(HttpContext http, ReceivablesDashboard dashboard, string? currency)
    {
        var user = CreditGuard.User(http);
        var view = await dashboard.ReadAsync(currency, http.RequestAborted);
        return new RazorComponentResult<DashboardPage>(new
        {
            View = view,
            UserName = user.Name,
            UserRole = WorklistText.Words(user.Role),
        });
    }
}
