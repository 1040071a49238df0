using System.Globalization;
using System.Text;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Erp;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Orders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditFlow.Host.Credit;

/// <summary>
/// The worklist page <c>/credit/holds</c>: held orders and shipments with their reasons, filters
/// like <c>GET /api/holds</c>, and a release / reject form per open hold. Signed in with an API key
/// (<see cref="CreditSignIn"/>): any key lists; a <see cref="ApiKeyPolicies.DecideHoldsRoles"/> key
/// decides, as the key's holder and role, through the same path as the API (<see cref="HoldsApi.DecideAsAsync"/>).
/// A hold above the signed-in role's authority (<see cref="HoldAuthority"/>) shows who can decide it instead of the
/// form, and a decision posted for one anyway comes back as an "Above your authority" error.
/// The old address <c>/admin/holds</c> redirects here.
/// </summary>
internal static class HoldsPage
{
    private const string Path = "/credit/holds";

    public static RouteGroupBuilder MapHoldsPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/holds", (HttpContext http) => TypedResults.Redirect(Path + http.Request.QueryString, permanent: true))
            .ExcludeFromDescription().WithName("HoldsPageMoved").WithSummary("The holds worklist moved to /credit/holds.");
        var page = app.MapGroup(Path)
            .GuardedAsCreditPages()
            .AddEndpointFilter(CreditGuard.SignedInAsync)
            .ExcludeFromDescription();
        page.MapGet("", ShowAsync).WithName("HoldsPage").WithSummary("The holds worklist.");
        page.MapPost("/{holdId}/decision", DecideAsync).WithName("HoldsPageDecide").WithSummary("Releases or rejects a hold from the worklist, as the signed-in user.");
        return page;
    }

    public static async Task<IResult> ShowAsync(
        HttpContext http, HoldRepository holds, CustomerRepository customers, AuthorityMatrix authority, TimeProvider clock, string? status, string? customer, string? minAgeHours, string? approverRole)
    {
        var user = CreditGuard.User(http);
        var errors = new Dictionary<string, string[]>();
        var query = HoldsApi.Query(clock, status ?? "open", customer, minAgeHours, approverRole, errors);
        var list = errors.Count == 0 ? await holds.ListAsync(query, http.RequestAborted) : [];
        var names = await NamesAsync(list, customers, http.RequestAborted);
        var back = Path + http.Request.QueryString;
        var body = new StringBuilder("<h1>Held orders and shipments</h1>");
        if (!user.MayDecideHolds)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"flash error\">Your role {Html.E(user.Role.ToString())} may list holds but not decide them: sign in with a {Html.E(DecidingRoles)} key to release or reject.</p>");
        }

        body.Append("<form method=\"get\" class=\"filters\">")
            .Append(Select("status", "Status", status ?? "open", ["open", "released", "rejected", ""]))
            .Append(CultureInfo.InvariantCulture, $"<label>Customer<input name=\"customer\" value=\"{Html.E(customer)}\"></label>")
            .Append(CultureInfo.InvariantCulture, $"<label>Older than (hours)<input name=\"minAgeHours\" value=\"{Html.E(minAgeHours)}\" size=\"6\"></label>")
            .Append(Select("approverRole", "Approver role", approverRole ?? "", ["", .. Enum.GetNames<CreditRole>()]))
            .Append("<button type=\"submit\">Filter</button></form>");
        foreach (var (field, problems) in errors)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"flash error\">{Html.E(field)} {Html.E(string.Join(" ", problems))}</p>");
        }

        body.Append("<table id=\"holds\"><tr><th>held</th><th>customer</th><th>what</th><th>amount / at stake</th><th>approver</th><th>reasons</th><th>status / decide</th></tr>");
        foreach (var hold in list)
        {
            var name = hold.CustomerName ?? names.GetValueOrDefault(hold.CustomerId);
            var who = name is null ? Html.E(hold.CustomerId) : $"<b>{Html.E(name)}</b><br><span class=\"mono muted\">{Html.E(hold.CustomerId)}</span>";
            body.Append(CultureInfo.InvariantCulture, $"<tr data-hold=\"{Html.E(hold.HoldId)}\"><td>{Html.Time(hold.HeldAt)}</td><td class=\"customer\">{who}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(hold.Kind.ToString().ToLowerInvariant())} <span class=\"mono\">{Html.E(hold.DocumentId)}</span><br><span class=\"mono muted\">{Html.E(hold.HoldId)}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(hold.Amount.ToString())}<br><span class=\"muted\">{Html.E(hold.AmountAtStake.ToString())}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Html.E(hold.ApproverRole.ToString())}</td><td><ul>")
                .AppendJoin(string.Empty, hold.Reasons.Select(r => $"<li>{Html.E(r)}</li>"))
                .Append("</ul>")
                .Append(Facts(hold))
                .Append("</td><td>");
            if (hold.Status != HoldStatus.Open)
            {
                body.Append(CultureInfo.InvariantCulture, $"{Html.E(hold.Status.ToString())} by {Html.E(hold.DecidedBy)} {Html.Time(hold.DecidedAt)}<br><span class=\"muted\">{Html.E(hold.Comment)}</span>");
            }
            else if (user.MayDecideHolds && !HoldAuthority.Covers(authority, user.Role, hold))
            {
                body.Append(CultureInfo.InvariantCulture, $"<p class=\"above-authority\"><b>{HoldAuthority.Title}</b>: {Html.E(HoldAuthority.Why(authority, user.Role, hold))}</p>");
            }
            else if (user.MayDecideHolds)
            {
                body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{Path}/{Html.U(hold.HoldId)}/decision\">")
                    .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"back\" value=\"{Html.E(back)}\">")
                    .Append("<label>comment <input name=\"comment\" maxlength=\"2000\" placeholder=\"required to reject\"></label> ")
                    .Append("<button name=\"outcome\" value=\"release\">Release</button> <button name=\"outcome\" value=\"reject\">Reject</button></form>");
            }
            else
            {
                body.Append("open");
            }

            body.Append("</td></tr>");
        }

        body.Append("</table>");
        if (list.Count == 0)
        {
            body.Append("<p class=\"muted\" id=\"no-holds\">No holds match.</p>");
        }

        return CreditHtml.Page("Holds", body.ToString(), user, CreditHtml.TakeFlash(http));
    }

    public static async Task<IResult> DecideAsync(HttpContext http, string holdId, HoldRepository holds, AuthorityMatrix authority, DurableTaskClient client)
    {
        var user = CreditGuard.User(http);
        if (!user.MayDecideHolds)
        {
            return CreditHtml.Page("Not allowed", $"<h1>Not allowed</h1><p>Deciding holds needs the role {Html.E(DecidingRoles)}; you are signed in as {Html.E(user.Name)} with the role {Html.E(user.Role.ToString())}. Nothing was sent.</p>", user, statusCode: StatusCodes.Status403Forbidden);
        }

        if (await AdminForms.ReadAsync(http.Request, http.RequestAborted) is not { } form)
        {
            return CreditHtml.Page("Not a form", "<h1>Not a form</h1><p>Decide from the worklist page. Nothing was sent.</p>", user, statusCode: StatusCodes.Status400BadRequest);
        }

        var back = CreditGuard.IsCreditPath(form["back"]) ? form["back"].ToString() : Path;
        if (form.ContainsKey("decidedBy") || form.ContainsKey("role"))
        {
            // A page from before the sign-in named the decider; deciding as someone else than the session is never meant.
            return CreditHtml.RedirectWith(http, back, Flash.Error($"The form named the decider, which the signed-in user now is ({user.Name}, {user.Role}). Nothing was sent; decide again from this page."));
        }

        if (string.Equals(form["outcome"], "reject", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(form["comment"]))
        {
            // As on the approval page: a stop on an order is explained to whoever reads the decision log and the ERP.
            return CreditHtml.RedirectWith(http, back, Flash.Error($"A rejection needs a comment saying why: write it beside Reject for {holdId}. Nothing was sent."));
        }

        var result = await HoldsApi.DecideAsAsync(holdId, new HoldDecisionBody(form["outcome"], form["comment"]), user.Name, user.Role, holds, authority, client, http.RequestAborted);
        var message = result.Result switch
        {
            Accepted => Flash.Ok($"Your {(string.Equals(form["outcome"], "reject", StringComparison.OrdinalIgnoreCase) ? "rejection" : "release")} of {holdId} was handed to the hold as {user.Name} ({user.Role}). "
                + "The hold checks the role's authority for its amount: a refusal is logged and the hold stays open."),
            ProblemHttpResult refused => Flash.Error($"{refused.ProblemDetails.Title}. {refused.ProblemDetails.Detail}"),
            ValidationProblem invalid => Flash.Error(string.Join(" ", invalid.ProblemDetails.Errors.Select(e => $"{e.Key} {string.Join(" ", e.Value)}")) + " Nothing was sent."),
            NotFound<string> notFound => Flash.Error(notFound.Value ?? "Not found."),
            Conflict<string> conflict => Flash.Error(conflict.Value ?? "Conflict."),
            var other => throw new InvalidOperationException($"Unexpected result {other.GetType().Name}."),
        };
        return CreditHtml.RedirectWith(http, back, message);
    }

    /// <summary>The customers' names for the holds that do not carry one (held before names were kept), by id.</summary>
    private static async Task<Dictionary<string, string>> NamesAsync(IEnumerable<HoldRecord> holds, CustomerRepository customers, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in holds.Where(h => h.CustomerName is null).Select(h => h.CustomerId).Distinct(StringComparer.Ordinal))
        {
            if (await customers.GetAsync(id, cancellationToken) is { } customer)
            {
                names[id] = customer.Value.Name;
            }
        }

        return names;
    }

    /// <summary>The limit, the exposure's parts, the amount at stake and the remedies, as the approval page shows them.</summary>
    private static string Facts(HoldRecord hold)
    {
        var shown = hold.Facts.Where(f => f.Key is not ("customer" or "order" or "shipment")).ToList();
        if (shown.Count == 0)
        {
            return string.Empty;
        }

        var rows = string.Concat(shown.Select(f => $"<tr><th>{Html.E(f.Key)}</th><td>{Html.E(f.Value)}</td></tr>"));
        return $"<details class=\"facts\"><summary>Exposure and remedies</summary><table>{rows}</table></details>";
    }

    private static string DecidingRoles =>
        string.Join(", ", ApiKeyPolicies.DecideHoldsRoles.SkipLast(1)) + " or " + ApiKeyPolicies.DecideHoldsRoles[^1];

    private static string Select(string name, string label, string selected, IEnumerable<string> options) =>
        $"<label>{Html.E(label)}<select name=\"{Html.E(name)}\">"
        + string.Concat(options.Select(o => $"<option value=\"{Html.E(o)}\"{(o.Equals(selected, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty)}>{Html.E(o.Length == 0 ? "any" : o)}</option>"))
        + "</select></label>";
}
