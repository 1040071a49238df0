using CreditFlow.Domain.Roles;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Tasks;

namespace CreditFlow.Host.Workspace.Tasks;

/// <summary>
/// <c>GET /credit/tasks/export.{csv|xlsx}?role=</c>: every open task the tasks page lists under the same owner-role
/// filter, on all its pages, for any signed-in credit user (as the page).
/// </summary>
internal static class TasksExport
{
    public static async Task<IResult> DownloadAsync(HttpContext http, CreditTaskStore tasks, CustomerRepository customers, TimeProvider clock, string format, string? role)
    {
        if (!TableFiles.IsFormat(format))
        {
            return TypedResults.NotFound();
        }

        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        if (TasksPageEndpoints.Chosen(role, user) is not { } chosen)
        {
            return TableFiles.BadFilter("role", $"There is no role \"{role}\": use all or one of {WorklistText.OneOf(Enum.GetNames<CreditRole>())}.");
        }

        var open = TasksPageEndpoints.OpenOf(await tasks.ListAsync(cancellationToken: cancellationToken), TasksPageEndpoints.Owner(chosen));
        var names = await WorklistText.NamesAsync(open.Select(t => t.CustomerId), customers, cancellationToken);
        var now = clock.GetUtcNow();
        var table = new ExportTable(
            TableFiles.Named($"tasks-{chosen}", clock),
            ["Task id", "Task", "Owner", "Customer id", "Customer", "Invoice", "Asked (UTC)", "Due (UTC)", "Overdue", "Reported up (UTC)"],
            open.Select(t => new object?[]
            {
                t.Id, t.Title, WorklistText.Words(t.OwnerRole), t.CustomerId, names.GetValueOrDefault(t.CustomerId), t.InvoiceId,
                t.CreatedAt, t.DueAt, t.IsOverdueAt(now) ? "yes" : "no", t.EscalatedAt,
            }).ToList());
        return await TableFiles.DownloadAsync(table, format, cancellationToken);
    }
}
