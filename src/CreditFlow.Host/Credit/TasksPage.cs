using System.Globalization;
using System.Text;
using CreditFlow.Domain.Roles;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Host.Tasks;
using CreditFlow.Storage;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Tasks;
using CreditFlow.Workflows.LegalHandoff;
using CreditFlow.Workflows.Warnings;

namespace CreditFlow.Host.Credit;

/// <summary>
/// The worklist page <c>/credit/tasks</c>: the open tasks workflows asked people for (call the customer, collect
/// jointly, write the plan, take the case over), soonest due first with the overdue ones in red, filtered by owner role
/// (the signed-in user's by default, or all), each with a form completing it with its outcome as the signed-in user
/// (as <c>POST /api/tasks/{id}/complete</c> does: any role may); below, the most recently completed ones.
/// </summary>
internal static class TasksPage
{
    private const string Path = "/credit/tasks";
    private const string All = "all";
    private const int DoneShown = 20;

    private const string Style = """
        <style>
        .summary{display:flex;gap:.6rem;margin:0 0 .9rem;flex-wrap:wrap}
        .pill{background:#fff;border:1px solid #dde1e7;border-radius:999px;padding:.2rem .8rem}.pill b{font-size:1.05rem}
        .pill.red{border-color:#e5a0a0;background:#fdeeee;color:#9b1c1c}
        .roles{display:flex;gap:.3rem;flex-wrap:wrap;margin:0 0 1rem}
        .roles a{padding:.25rem .7rem;border:1px solid #c9cfd8;border-radius:4px;background:#fff;color:#1d2330;text-decoration:none}
        .roles a.on{background:#1d2330;color:#fff;border-color:#1d2330}
        table.tasks td{vertical-align:middle}td.due{white-space:nowrap}
        tr.overdue td{background:#fff5f5}tr.overdue td:first-child{box-shadow:inset 4px 0 0 #c62828}
        .late{color:#c62828;font-weight:700}.soon{color:#8a5a00;font-weight:600}
        .complete{display:flex;gap:.4rem}.complete input{flex:1;min-width:14rem;padding:.3rem .4rem;border:1px solid #8a93a3;border-radius:3px;font:inherit}
        .complete button{padding:.3rem .8rem;font:inherit;font-weight:600;background:#1f6f43;color:#fff;border:1px solid #185a36;border-radius:3px}
        h2{font-size:1.1rem;margin:1.6rem 0 .6rem}
        .empty{background:#fff;border:1px dashed #c9cfd8;padding:1rem;text-align:center;color:#6b7380}
        </style>
        """;

    public static RouteGroupBuilder MapTasksPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup(Path)
            .GuardedAsCreditPages()
            .AddEndpointFilter(CreditGuard.SignedInAsync)
            .ExcludeFromDescription();
        page.MapGet("", ShowAsync).WithName("TasksPage").WithSummary("The open tasks for people, by owner role, and the latest done.");
        page.MapPost("/{taskId}/complete", CompleteAsync).WithName("TasksPageComplete").WithSummary("Completes a task with its outcome, as the signed-in user.");
        return page;
    }

    public static async Task<IResult> ShowAsync(HttpContext http, CreditTaskStore tasks, CustomerRepository customers, TimeProvider clock, string? role)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        var chosen = role is null ? user.Role.ToString()
            : string.Equals(role, All, StringComparison.OrdinalIgnoreCase) ? All
            : Enum.GetNames<CreditRole>().FirstOrDefault(n => string.Equals(n, role, StringComparison.OrdinalIgnoreCase));
        var flash = CreditHtml.TakeFlash(http);
        if (chosen is null)
        {
            flash = Flash.Error($"There is no role \"{role}\"; showing yours ({user.Role}). Pick one of the roles below.");
            chosen = user.Role.ToString();
        }

        var owner = chosen == All ? (CreditRole?)null : Enum.Parse<CreditRole>(chosen);
        var now = clock.GetUtcNow();
        var everyOpen = await tasks.ListAsync(cancellationToken: cancellationToken);
        var open = everyOpen.Where(t => owner is null || t.OwnerRole == owner).ToList();
        var done = (await tasks.ListAsync(completed: true, role: owner, cancellationToken: cancellationToken))
            .OrderByDescending(t => t.CompletedAt).Take(DoneShown).ToList();
        var names = await WorklistText.NamesAsync(open.Concat(done).Select(t => t.CustomerId), customers, cancellationToken);
        var back = Path + http.Request.QueryString;

        var overdue = open.Count(t => t.IsOverdueAt(now));
        var html = new StringBuilder(Style)
            .Append(CultureInfo.InvariantCulture, $"<h1>Tasks {(owner is null ? "of every role" : $"for the {Html.E(WorklistText.Words(owner.Value))}")}</h1>")
            .Append("<div class=\"summary\">")
            .Append(CultureInfo.InvariantCulture, $"<span class=\"pill\" id=\"open-count\"><b>{open.Count}</b> open</span>")
            .Append(CultureInfo.InvariantCulture, $"<span class=\"pill{(overdue > 0 ? " red" : "")}\" id=\"overdue-count\"><b>{overdue}</b> overdue</span>")
            .Append(CultureInfo.InvariantCulture, $"<span class=\"pill muted\">times in UTC · now {Html.E(WorklistText.When(now))}</span></div>")
            .Append("<nav class=\"roles\" aria-label=\"Owner role\">")
            .Append(RoleLink(All, $"All ({everyOpen.Count})", chosen));
        foreach (var r in Enum.GetValues<CreditRole>())
        {
            var count = everyOpen.Count(t => t.OwnerRole == r);
            if (count > 0 || r == user.Role || r == owner)
            {
                html.Append(RoleLink(r.ToString(), $"{WorklistText.Words(r)}{(r == user.Role ? " (you)" : "")} ({count})", chosen));
            }
        }

        html.Append("</nav>");
        if (open.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"empty\" id=\"no-tasks\">No open tasks {(owner is null ? "" : $"for the {Html.E(WorklistText.Words(owner.Value))} ")}— nothing waits for you here.</p>");
        }
        else
        {
            // The owner is said once, in the heading, when one role is shown.
            html.Append(CultureInfo.InvariantCulture, $"<table class=\"tasks\" id=\"open-tasks\"><thead><tr><th>Due</th><th>Task</th>{(owner is null ? "<th>Owner</th>" : "")}<th>Customer</th><th>Invoice</th><th>Outcome</th></tr></thead><tbody>");
            foreach (var task in open)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr data-task=\"{Html.E(task.Id)}\"{(task.IsOverdueAt(now) ? " class=\"overdue\"" : "")}>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"due\">{Html.E(WorklistText.Near(task.DueAt, now))}<br>{WorklistText.DueIn(task.DueAt, now)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td><b>{Html.E(task.Title)}</b><br><span class=\"muted\">asked {Html.E(WorklistText.Near(task.CreatedAt, now))}{(task.EscalatedAt is { } at ? $" · reported up {Html.E(WorklistText.Near(at, now))}" : "")}</span></td>")
                    .Append(owner is null ? $"<td>{Html.E(WorklistText.Words(task.OwnerRole))}</td>" : "")
                    .Append(CultureInfo.InvariantCulture, $"<td>{Customer(task.CustomerId, names)}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"mono\">{Html.E(task.InvoiceId ?? "—")}</td>")
                    .Append(Outcome(task, back));
            }

            html.Append("</tbody></table>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>Done <span class=\"muted\">(the {DoneShown} most recent)</span></h2>");
        if (done.Count == 0)
        {
            html.Append("<p class=\"empty\" id=\"no-done\">Nothing completed yet.</p>");
        }
        else
        {
            html.Append("<table id=\"done-tasks\"><thead><tr><th>Completed</th><th>Task</th><th>Customer</th><th>Invoice</th><th>Outcome</th><th>By</th></tr></thead><tbody>");
            foreach (var task in done)
            {
                var late = task.CompletedAt > task.DueAt ? " <span class=\"late\">late</span>" : "";
                html.Append(CultureInfo.InvariantCulture, $"<tr data-task=\"{Html.E(task.Id)}\"><td class=\"due\">{Html.E(WorklistText.Near(task.CompletedAt!.Value, now))}{late}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(task.Title)}<br><span class=\"muted\">{Html.E(WorklistText.Words(task.OwnerRole))}</span></td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{Customer(task.CustomerId, names)}</td><td class=\"mono\">{Html.E(task.InvoiceId ?? "—")}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"outcome\">{Html.E(task.Outcome)}</td><td>{Html.E(task.CompletedBy)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        return CreditHtml.Page("Tasks", html.ToString(), user, flash);
    }

    public static async Task<IResult> CompleteAsync(HttpContext http, string taskId, CreditTaskStore tasks, TimeProvider clock)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        if (!http.Request.HasFormContentType)
        {
            return CreditHtml.Page("Not a form", "<h1>Not a form</h1><p>Complete tasks from the tasks page. Nothing was recorded.</p>", user, statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var back = CreditGuard.IsCreditPath(form["back"]) ? form["back"].ToString() : Path;
        if (await tasks.GetAsync(taskId, cancellationToken) is not { } task)
        {
            return CreditHtml.RedirectWith(http, back, Flash.Error($"There is no task \"{taskId}\". Nothing was recorded."));
        }

        var outcome = form["outcome"].ToString();
        var problems = CompleteTaskBody.Validate(new CompleteTaskBody(outcome));
        if (!problems.IsEmpty)
        {
            var why = string.Join(" ", problems.ToDictionary().SelectMany(p => p.Value));
            return CreditHtml.RedirectWith(http, back, Flash.Error($"Outcome {why} The task “{task.Title}” stays open; nothing was recorded."));
        }

        if (WarningIds.AnsweredBy(task.Id) is { } warningId)
        {
            return CreditHtml.RedirectWith(http, "/credit/warnings", Flash.Error($"“{task.Title}” is done by answering the warning below. Nothing was recorded."));
        }

        if (CaseIds.AcceptedBy(task.Id) is { } caseId)
        {
            return CreditHtml.RedirectWith(http, $"/credit/cases/{Html.U(caseId)}", Flash.Error($"“{task.Title}” is done by accepting the case below. Nothing was recorded."));
        }

        if (!task.IsOpen)
        {
            return CreditHtml.RedirectWith(http, back, Flash.Error($"“{task.Title}” was already completed by {task.CompletedBy} at {WorklistText.When(task.CompletedAt!.Value)}: {task.Outcome}"));
        }

        try
        {
            await tasks.CompleteAsync(task, outcome.Trim(), user.Name, clock.GetUtcNow(), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return CreditHtml.RedirectWith(http, back, Flash.Error($"“{task.Title}” changed while you completed it (someone else may have); nothing was recorded. Look at it again below."));
        }

        return CreditHtml.RedirectWith(http, back, Flash.Ok($"Completed “{task.Title}” as {user.Name}: {outcome.Trim()}"));
    }

    /// <summary>
    /// The outcome cell: a form completing the task; for a warning's answer a link to answer the warning, for legal's
    /// acceptance of a case a link to the case.
    /// </summary>
    private static string Outcome(CreditTask task, string back) => WarningIds.AnsweredBy(task.Id) is { } warningId
        ? $"<td><a class=\"answer\" href=\"/credit/warnings#{Html.E(Html.U(warningId))}\">Answer the warning →</a></td></tr>"
        : CaseIds.AcceptedBy(task.Id) is { } caseId
        ? $"<td><a class=\"answer\" href=\"/credit/cases/{Html.E(Html.U(caseId))}\">Accept the case →</a></td></tr>"
        : $"<td><form class=\"complete\" method=\"post\" action=\"{Path}/{Html.U(task.Id)}/complete\">"
            + $"<input type=\"hidden\" name=\"back\" value=\"{Html.E(back)}\">"
            + $"<input name=\"outcome\" aria-label=\"Outcome of {Html.E(task.Title)}\" maxlength=\"{CompleteTaskBody.MaxChars}\" placeholder=\"what came of it?\" title=\"e.g. customer promised to pay 15 March\">"
            + "<button type=\"submit\">Complete</button></form></td></tr>";

    private static string RoleLink(string value, string label, string chosen) =>
        $"<a href=\"{Path}?role={Html.U(value)}\"{(string.Equals(value, chosen, StringComparison.OrdinalIgnoreCase) ? " class=\"on\" aria-current=\"page\"" : "")}>{Html.E(label)}</a>";

    private static string Customer(string customerId, Dictionary<string, string> names) =>
        names.TryGetValue(customerId, out var name)
            ? $"<b>{Html.E(name)}</b><br><span class=\"mono muted\">{Html.E(customerId)}</span>"
            : $"<span class=\"mono\">{Html.E(customerId)}</span>";
}
