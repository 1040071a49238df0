using CreditFlow.Host.Credit;
using CreditFlow.Host.Workspace.Export;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary><c>GET /credit/dashboard</c>: the receivables dashboard, for any signed-in credit user.</summary>
internal static class DashboardEndpoint
{
    public const string Path = "/credit/dashboard";

    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        var pages = app.MapWorkspaceGroup(Path);
        pages.MapGet("", ShowAsync)
            .WithName("Dashboard")
            .WithSummary("Receivables: open and overdue, aging, risk classes, collection by month, the most overdue customers.");
        pages.MapGet("/{table}.{format}", ExportAsync)
            .WithName("DashboardExport")
            .WithSummary("One of the dashboard's tables in full, as CSV or Excel (xlsx).");
        return pages;
    }

    private static async Task<IResult> ExportAsync(HttpContext http, ReceivablesDashboard dashboard, string table, string format, string? currency)
    {
        if (!TableFiles.IsFormat(format) || await dashboard.ExportAsync(table, currency, http.RequestAborted) is not { } file)
        {
            return TypedResults.NotFound();
        }

        return await TableFiles.DownloadAsync(file, format, http.RequestAborted);
    }

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
