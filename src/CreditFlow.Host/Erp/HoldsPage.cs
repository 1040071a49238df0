using System.Globalization;
using System.Text;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable;
using CreditFlow.Host.Admin;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.OrderCheck;

namespace CreditFlow.Host.Erp;

/// <summary>
/// The worklist page <c>/admin/holds</c>: held orders and shipments with their reasons, filters,
/// and a release / reject form per open hold. Behind the admin sign-in (same session as the monitor).
/// </summary>
internal static class HoldsPage
{
    public static RouteGroupBuilder MapHoldsPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup("/admin/holds")
            .AddEndpointFilter(AdminGuard.SameOriginAsync)
            .AddEndpointFilter(AdminGuard.SignedInAsync)
            .ExcludeFromDescription();
        page.MapGet("", ShowAsync).WithName("HoldsPage").WithSummary("The holds worklist.");
        page.MapPost("/{holdId}/decision", DecideAsync).WithName("HoldsPageDecide").WithSummary("Releases or rejects a hold from the worklist.");
        return page;
    }

    public static async Task<IResult> ShowAsync(HttpContext http, HoldRepository holds, TimeProvider clock, string? status, string? customer, string? minAgeHours, string? approverRole)
    {
        var errors = new Dictionary<string, string[]>();
        var query = HoldsApi.Query(clock, status ?? "open", customer, minAgeHours, approverRole, errors);
        var list = errors.Count == 0 ? await holds.ListAsync(query, http.RequestAborted) : [];
        var body = new StringBuilder("<h1>Held orders and shipments</h1>");
        body.Append("<form method=\"get\" class=\"filters\">")
            .Append(Select("status", status ?? "open", ["open", "released", "rejected", ""]))
            .Append(CultureInfo.InvariantCulture, $"<label>customer<input name=\"customer\" value=\"{Html.E(customer)}\"></label>")
            .Append(CultureInfo.InvariantCulture, $"<label>older than (hours)<input name=\"minAgeHours\" value=\"{Html.E(minAgeHours)}\" size=\"6\"></label>")
            .Append(Select("approverRole", approverRole ?? "", ["", .. Enum.GetNames<CreditRole>()]))
            .Append("<button type=\"submit\">Filter</button></form>");
        foreach (var (field, problems) in errors)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"flash error\">{Html.E(field)} {Html.E(string.Join(" ", problems))}</p>");
        }

        body.Append("<table><tr><th>held</th><th>customer</th><th>what</th><th>amount / at stake</th><th>approver</th><th>reasons</th><th>status / decide</th></tr>");
        foreach (var hold in list)
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.Time(hold.HeldAt)}</td><td>{Html.E(hold.CustomerId)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(hold.Kind.ToString().ToLowerInvariant())} <span class=\"mono\">{Html.E(hold.DocumentId)}</span><br>{Html.InstanceLink(hold.HoldId)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(hold.Amount.ToString())}<br><span class=\"muted\">{Html.E(hold.AmountAtStake.ToString())}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(hold.ApproverRole.ToString())}</td><td><ul>")
                .AppendJoin(string.Empty, hold.Reasons.Select(r => $"<li>{Html.E(r)}</li>"))
                .Append("</ul></td><td>");
            if (hold.Status == HoldStatus.Open)
            {
                body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/admin/holds/{Html.U(hold.HoldId)}/decision\">")
                    .Append("<label>your name <input name=\"decidedBy\" required></label> ")
                    .Append(Select("role", hold.ApproverRole.ToString(), [.. Enum.GetNames<CreditRole>()]))
                    .Append("<label>comment <input name=\"comment\"></label> ")
                    .Append("<button name=\"outcome\" value=\"release\">Release</button> <button name=\"outcome\" value=\"reject\">Reject</button></form>");
            }
            else
            {
                body.Append(CultureInfo.InvariantCulture, $"{Html.E(hold.Status.ToString())} by {Html.E(hold.DecidedBy)} {Html.Time(hold.DecidedAt)}<br><span class=\"muted\">{Html.E(hold.Comment)}</span>");
            }

            body.Append("</td></tr>");
        }

        body.Append("</table>");
        if (list.Count == 0)
        {
            body.Append("<p class=\"muted\">No holds match.</p>");
        }

        return Html.Page("Holds", body.ToString(), Flash.Take(http));
    }

    public static async Task<IResult> DecideAsync(HttpContext http, string holdId, HoldRepository holds, DurableTaskClient client)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var errors = new Dictionary<string, string[]>();
        var request = new HoldDecisionForm(form["outcome"], form["decidedBy"], form["role"], form["comment"]).ToRequest(errors);
        if (request is null)
        {
            return Flash.RedirectWith(http, "/admin/holds", Flash.Error(string.Join(" ", errors.Select(e => $"{e.Key} {string.Join(" ", e.Value)}"))));
        }

        var result = await HoldsApi.HandToHoldAsync(holdId, request, holds, client, http.RequestAborted);
        var message = result.Result switch
        {
            Microsoft.AspNetCore.Http.HttpResults.Accepted => Flash.Ok($"Your decision on {holdId} was handed to the hold; a role without authority is refused and logged."),
            Microsoft.AspNetCore.Http.HttpResults.NotFound<string> n => Flash.Error(n.Value ?? "Not found."),
            Microsoft.AspNetCore.Http.HttpResults.Conflict<string> c => Flash.Error(c.Value ?? "Conflict."),
            _ => Flash.Error("Unexpected result."),
        };
        return Flash.RedirectWith(http, "/admin/holds", message);
    }

    private static string Select(string name, string selected, IEnumerable<string> options) =>
        $"<label>{Html.E(name)}<select name=\"{Html.E(name)}\">"
        + string.Concat(options.Select(o => $"<option value=\"{Html.E(o)}\"{(o.Equals(selected, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty)}>{Html.E(o.Length == 0 ? "any" : o)}</option>"))
        + "</select></label>";
}

/// <summary>
/// The page's decision form. The admin sign-in carries no role, so the admin names the decider and
/// their role here; the hold still refuses a role without authority for its amount.
/// </summary>
internal sealed record HoldDecisionForm(string? Outcome, string? DecidedBy, string? Role, string? Comment)
{
    public HoldDecisionRequest? ToRequest(Dictionary<string, string[]> errors)
    {
        var outcome = HoldsApi.Outcome(Outcome, errors);
        if (string.IsNullOrWhiteSpace(DecidedBy) || DecidedBy.Length > 200)
        {
            errors["decidedBy"] = ["is required: who decides (1-200 characters)."];
        }

        CreditRole? role = Enum.TryParse<CreditRole>(Role, ignoreCase: true, out var r) && Enum.IsDefined(r) ? r : null;
        if (role is null)
        {
            errors["role"] = [$"must be one of {string.Join(", ", Enum.GetNames<CreditRole>())}."];
        }

        HoldsApi.CheckComment(Comment, errors);
        return errors.Count == 0 ? new HoldDecisionRequest(outcome!.Value, DecidedBy!.Trim(), role!.Value, Comment?.Trim() ?? string.Empty) : null;
    }
}
