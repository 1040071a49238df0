using System.Globalization;
using System.Text;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Pages;

namespace CreditFlow.Host.Admin;

/// <summary><c>GET /admin</c>: instances with filters, paging by continuation token and optional auto-refresh.</summary>
internal static class InstanceListPage
{
    private const int DefaultPageSize = 50;
    private const int RefreshSeconds = 5;

    public static void MapInstanceListPage(this RouteGroupBuilder pages) =>
        pages.MapGet("", ListAsync).WithName("AdminInstances").WithSummary("Instance list with filters.");

    public static async Task<IResult> ListAsync(HttpContext context, DurableTaskClient client)
    {
        var query = context.Request.Query;
        var errors = new List<string>();
        var from = ParseTime(query["from"], "Created from", errors);
        var to = ParseTime(query["to"], "Created to", errors);
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var s in query["status"])
        {
            if (Enum.TryParse<OrchestrationRuntimeStatus>(s, ignoreCase: true, out var status) && Enum.IsDefined(status))
            {
                statuses.Add(status);
            }
            else
            {
                errors.Add($"Unknown status '{s}'.");
            }
        }

        var pageSize = int.TryParse(query["top"], NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top is >= 1 and <= 1000 ? top : DefaultPageSize;
        var refresh = query["refresh"] == "1";
        var html = new StringBuilder("<h1>Instances</h1>");
        html.Append(FilterForm(query, statuses, refresh));

        if (errors.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"flash error\">{Html.E(string.Join(" ", errors))}</div>");
            return AdminFrame.Page("Instances", html.ToString(), Flash.Take(context), StatusCodes.Status400BadRequest);
        }

        var filter = new OrchestrationQuery { CreatedFrom = from, CreatedTo = to, Statuses = statuses, PageSize = pageSize, InstanceIdPrefix = NullIfBlank(query["prefix"]) };
        var instances = NullIfBlank(query["name"]) is { } name ? client.GetAllInstancesAsync(name, filter) : client.GetAllInstancesAsync(filter);
        var page = await instances.AsPages(NullIfBlank(query["token"]), pageSize).FirstAsync(context.RequestAborted);

        html.Append("<table><thead><tr><th>Instance id</th><th>Name</th><th>Status</th><th>Created (UTC)</th><th>Last updated (UTC)</th></tr></thead><tbody>");
        foreach (var instance in page.Values)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.InstanceLink(instance.InstanceId)}</td><td>{Html.E(instance.Name)}</td><td>{Html.StatusBadge(instance.RuntimeStatus.ToString())}</td><td>{Html.Time(instance.CreatedAt)}</td><td>{Html.Time(instance.LastUpdatedAt)}</td></tr>");
        }

        if (page.Values.Count == 0)
        {
            html.Append("<tr><td colspan=\"5\" class=\"muted\">No instances match.</td></tr>");
        }

        html.Append("</tbody></table><p>");
        if (!string.IsNullOrEmpty(query["token"]))
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{Html.E(Link(query, token: null))}\">First page</a> ");
        }

        if (page.ContinuationToken is { } next)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a id=\"next-page\" href=\"{Html.E(Link(query, next))}\">Next page →</a>");
        }

        html.Append("</p>");
        return AdminFrame.Page("Instances", html.ToString(), Flash.Take(context), refreshSeconds: refresh ? RefreshSeconds : null);
    }

    private static string FilterForm(IQueryCollection query, List<OrchestrationRuntimeStatus> statuses, bool refresh)
    {
        var boxes = string.Concat(Enum.GetValues<OrchestrationRuntimeStatus>().Select(s =>
            $"<label style=\"flex-direction:row;gap:.2rem\"><input type=\"checkbox\" name=\"status\" value=\"{s}\"{(statuses.Contains(s) ? " checked" : "")}>{s}</label>"));
        return $"""
            <form method="get" action="/admin"><fieldset><legend>Filter</legend><div class="filters">
              <label>Created from (UTC)<input type="datetime-local" step="1" name="from" value="{Html.E(query["from"])}"></label>
              <label>Created to (UTC)<input type="datetime-local" step="1" name="to" value="{Html.E(query["to"])}"></label>
              <label>Name<input type="text" name="name" value="{Html.E(query["name"])}" placeholder="HelloSequence"></label>
              <label>Instance id prefix<input type="text" name="prefix" value="{Html.E(query["prefix"])}"></label>
              <label>Page size<input type="number" min="1" max="1000" name="top" value="{Html.E(query["top"])}" placeholder="{DefaultPageSize}" style="width:6rem"></label>
            </div><div class="filters" style="margin-top:.5rem"><span>Status:</span>{boxes}</div>
            <div class="filters" style="margin-top:.5rem">
              <button type="submit">Apply</button> <a href="/admin">Clear</a>
              <label style="flex-direction:row;gap:.3rem"><input type="checkbox" name="refresh" value="1" onchange="this.form.submit()"{(refresh ? " checked" : "")}>Auto-refresh every {RefreshSeconds} s</label>
            </div></fieldset></form>
            """;
    }

    /// <summary>This list again with the same filters and another page.</summary>
    private static string Link(IQueryCollection query, string? token)
    {
        var parts = query.Where(q => q.Key != "token").SelectMany(q => q.Value.Select(v => $"{Html.U(q.Key)}={Html.U(v)}")).ToList();
        if (token is not null)
        {
            parts.Add($"token={Html.U(token)}");
        }

        return parts.Count == 0 ? "/admin" : "/admin?" + string.Join("&", parts);
    }

    private static DateTimeOffset? ParseTime(string? text, string label, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors.Add($"{label}: '{text}' is not a date and time such as 2025-01-31T08:00.");
        return null;
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
