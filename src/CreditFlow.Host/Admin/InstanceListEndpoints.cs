using System.Globalization;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Workspace;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Admin;

/// <summary><c>GET /admin</c> (<see cref="InstanceListPage"/>): instances with filters, paging by continuation token and optional auto-refresh.</summary>
internal static class InstanceListEndpoints
{
    public const int DefaultPageSize = 50;
    public const int RefreshSeconds = 5;

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
        var filter = new InstanceFilter(query["from"], query["to"], query["name"], query["prefix"], query["top"], statuses, refresh);
        var message = PageMessage.From(Flash.Take(context));
        if (errors.Count > 0)
        {
            return new RazorComponentResult<InstanceListPage>(new { Filter = filter, Error = string.Join(" ", errors), Message = message })
            {
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }

        var durableQuery = new OrchestrationQuery { CreatedFrom = from, CreatedTo = to, Statuses = statuses, PageSize = pageSize, InstanceIdPrefix = NullIfBlank(query["prefix"]) };
        var instances = NullIfBlank(query["name"]) is { } name ? client.GetAllInstancesAsync(name, durableQuery) : client.GetAllInstancesAsync(durableQuery);
        var page = await instances.AsPages(NullIfBlank(query["token"]), pageSize).FirstAsync(context.RequestAborted);
        return new RazorComponentResult<InstanceListPage>(new
        {
            Filter = filter,
            Instances = page.Values,
            FirstPageHref = string.IsNullOrEmpty(query["token"]) ? null : Link(query, token: null),
            NextPageHref = page.ContinuationToken is { } next ? Link(query, next) : null,
            RefreshSeconds = refresh ? RefreshSeconds : (int?)null,
            Message = message,
        });
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
