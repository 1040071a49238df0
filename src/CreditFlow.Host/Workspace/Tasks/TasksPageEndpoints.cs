using CreditFlow.Domain.Roles;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Host.Tasks;
using CreditFlow.Storage;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Tasks;
using CreditFlow.Workflows.LegalHandoff;
using CreditFlow.Workflows.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Workspace.Tasks;

/// <summary>
/// The worklist page <c>/credit/tasks</c> (<see cref="TasksPage"/>): the open tasks workflows asked people for, soonest
/// due first with the overdue ones in red, filtered by owner role (the signed-in user's by default, or all), each
/// completed with its outcome as the signed-in user (as <c>POST /api/tasks/{id}/complete</c> does: any role may);
/// below, the most recently completed ones.
/// </summary>
internal static class TasksPageEndpoints
{
    public const string Path = "/credit/tasks";
    private const string All = "all";
    private const int DoneShown = 20;

    public static RouteGroupBuilder MapTasksPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapWorkspaceGroup(Path);
        page.MapGet("", ShowAsync).WithName("TasksPage").WithSummary("The open tasks for people, by owner role, and the latest done.");
        page.MapGet("/export.{format}", TasksExport.DownloadAsync).WithName("TasksExport").WithSummary("Every open task of the owner-role filter (not only the page shown), as CSV or Excel (xlsx).");
        page.MapPost("/{taskId}/complete", CompleteAsync).WithName("TasksPageComplete").WithSummary("Completes a task with its outcome, as the signed-in user.");
        return page;
    }

    public static async Task<RazorComponentResult<TasksPage>> ShowAsync(HttpContext http, CreditTaskStore tasks, CustomerRepository customers, TimeProvider clock, string? role, string? page)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        var flash = CreditMessages.TakeFlash(http);
        if (Chosen(role, user) is not { } chosen)
        {
            flash = Flash.Error($"There is no role \"{role}\"; showing yours ({WorklistText.Words(user.Role)}). Pick one of the roles below.");
            chosen = user.Role.ToString();
        }

        var owner = Owner(chosen);
        var now = clock.GetUtcNow();
        var everyOpen = await tasks.ListAsync(cancellationToken: cancellationToken);
        var open = OpenOf(everyOpen, owner);
        var done = (await tasks.ListAsync(completed: true, role: owner, cancellationToken: cancellationToken))
            .OrderByDescending(t => t.CompletedAt).Take(DoneShown).ToList();
        var paging = Paging.Read(page, open.Count, ref flash);

        var shown = paging.Of(open);
        var names = await WorklistText.NamesAsync(shown.Concat(done).Select(t => t.CustomerId), customers, cancellationToken);
        var roles = new List<(string Value, string Label)> { (All, $"All ({everyOpen.Count})") };
        foreach (var r in Enum.GetValues<CreditRole>())
        {
            var count = everyOpen.Count(t => t.OwnerRole == r);
            if (count > 0 || r == user.Role || r == owner)
            {
                roles.Add((r.ToString(), $"{WorklistText.Words(r)}{(r == user.Role ? " (you)" : "")} ({count})"));
            }
        }

        return new RazorComponentResult<TasksPage>(new
        {
            UserName = user.Name,
            UserRole = WorklistText.Words(user.Role),
            Owner = owner,
            Chosen = chosen,
            RoleLinks = roles,
            Open = shown,
            OpenCount = open.Count,
            Paging = paging,
            OverdueCount = open.Count(t => t.IsOverdueAt(now)),
            Done = done,
            DoneShown,
            Names = names,
            Now = now,
            OutcomeMaxChars = CompleteTaskBody.MaxChars,
            Back = Path + http.Request.QueryString,
            Message = PageMessage.From(flash),
        });
    }

    /// <summary>The filter <paramref name="role"/> names: "all", a role's name, or the user's own role when none is named; null for no such role.</summary>
    internal static string? Chosen(string? role, CreditUser user) =>
        role is null ? user.Role.ToString()
        : string.Equals(role, All, StringComparison.OrdinalIgnoreCase) ? All
        : Enum.GetNames<CreditRole>().FirstOrDefault(n => string.Equals(n, role, StringComparison.OrdinalIgnoreCase));

    /// <summary>The role a <see cref="Chosen"/> filter lists the tasks of; null for every role's.</summary>
    internal static CreditRole? Owner(string chosen) => chosen == All ? null : Enum.Parse<CreditRole>(chosen);

    /// <summary>The open tasks the page lists for <paramref name="owner"/> (every role's when null), in the page's order.</summary>
    internal static List<CreditTask> OpenOf(IEnumerable<CreditTask> everyOpen, CreditRole? owner) =>
        everyOpen.Where(t => owner is null || t.OwnerRole == owner).ToList();

    public static async Task<IResult> CompleteAsync(HttpContext http, string taskId, CreditTaskStore tasks, TimeProvider clock)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        if (!http.Request.HasFormContentType)
        {
            return WorkspaceNotices.NotAForm(user, "Complete tasks from the tasks page. Nothing was recorded.", Path, "Tasks");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var back = CreditGuard.IsCreditPath(form["back"]) ? form["back"].ToString() : Path;
        if (await tasks.GetAsync(taskId, cancellationToken) is not { } task)
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error($"There is no task \"{taskId}\". Nothing was recorded."));
        }

        var outcome = form["outcome"].ToString();
        var problems = CompleteTaskBody.Validate(new CompleteTaskBody(outcome));
        if (!problems.IsEmpty)
        {
            var why = string.Join(" ", problems.ToDictionary().SelectMany(p => p.Value));
            return CreditMessages.RedirectWith(http, back, Flash.Error($"Outcome {why} The task “{task.Title}” stays open; nothing was recorded."));
        }

        if (WarningIds.AnsweredBy(task.Id) is { } warningId)
        {
            return CreditMessages.RedirectWith(http, "/credit/warnings", Flash.Error($"“{task.Title}” is done by answering the warning below. Nothing was recorded."));
        }

        if (CaseIds.AcceptedBy(task.Id) is { } caseId)
        {
            return CreditMessages.RedirectWith(http, $"/credit/cases/{Html.U(caseId)}", Flash.Error($"“{task.Title}” is done by accepting the case below. Nothing was recorded."));
        }

        if (!task.IsOpen)
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error($"“{task.Title}” was already completed by {task.CompletedBy} at {WorklistText.When(task.CompletedAt!.Value)} UTC: {task.Outcome}"));
        }

        try
        {
            await tasks.CompleteAsync(task, outcome.Trim(), user.Name, clock.GetUtcNow(), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return CreditMessages.RedirectWith(http, back, Flash.Error($"“{task.Title}” changed while you completed it (someone else may have); nothing was recorded. Look at it again below."));
        }

        return CreditMessages.RedirectWith(http, back, Flash.Ok($"Completed “{task.Title}” as {user.Name}: {outcome.Trim()}"));
    }
}
