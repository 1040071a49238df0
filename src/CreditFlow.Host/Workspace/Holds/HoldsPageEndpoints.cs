using CreditFlow.Domain.OrderCheck;
using CreditFlow.Domain.Roles;
using CreditFlow.Durable.Client;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Erp;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.Policies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CreditFlow.Host.Workspace.Holds;

/// <summary>
/// The worklist page <c>/credit/holds</c> (<see cref="HoldsPage"/>): held orders and shipments with their reasons,
/// filters like <c>GET /api/holds</c>, and a release / reject form per open hold. Any signed-in credit user lists; a
/// <see cref="ApiKeyPolicies.DecideHoldsRoles"/> user decides, as themself, through the same path as the API
/// (<see cref="HoldsApi.DecideAsAsync"/>). A hold above the signed-in role's authority (<see cref="HoldAuthority"/>)
/// shows who can decide it instead of the form, and a decision posted for one anyway comes back as an "Above your
/// authority" error. The old address <c>/admin/holds</c> redirects here.
/// </summary>
internal static class HoldsPageEndpoints
{
    public const string Path = "/credit/holds";

    public static RouteGroupBuilder MapHoldsPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/holds", (HttpContext http) => TypedResults.Redirect(Path + http.Request.QueryString, permanent: true))
            .ExcludeFromDescription().WithName("HoldsPageMoved").WithSummary("The holds worklist moved to /credit/holds.");
        var page = app.MapWorkspaceGroup(Path);
        page.MapGet("", ShowAsync).WithName("HoldsPage").WithSummary("The holds worklist.");
        page.MapGet("/export.{format}", HoldsExport.DownloadAsync).WithName("HoldsExport").WithSummary("Every hold of the filters (not only the page shown), as CSV or Excel (xlsx).");
        page.MapPost("/{holdId}/decision", DecideAsync).WithName("HoldsPageDecide").WithSummary("Releases or rejects a hold from the worklist, as the signed-in user.");
        return page;
    }

    public static async Task<RazorComponentResult<HoldsPage>> ShowAsync(
        HttpContext http, HoldRepository holds, CustomerRepository customers, CreditPolicies policies, TimeProvider clock, string? status, string? customer, string? minAgeHours, string? approverRole, string? page)
    {
        var user = CreditGuard.User(http);
        var errors = new Dictionary<string, string[]>();
        var query = HoldsApi.Query(clock, status ?? "open", customer, minAgeHours, approverRole, errors);
        var all = errors.Count == 0 ? await holds.ListAsync(query, http.RequestAborted) : [];
        var (paging, pageProblem) = Paging.Read(page, all.Count);
        if (pageProblem is not null)
        {
            errors["page"] = [pageProblem];
        }

        var list = paging.Of(all);
        var names = await NamesAsync(list, customers, http.RequestAborted);
        var authority = (await policies.InForceAsync(http.RequestAborted)).Authority;
        var rows = list.Select(hold => new HoldRow(
            hold,
            hold.CustomerName ?? names.GetValueOrDefault(hold.CustomerId),
            hold.Status == HoldStatus.Open && user.MayDecideHolds && !HoldAuthority.Covers(authority, user.Role, hold) ? HoldAuthority.Why(authority, user.Role, hold) : null)).ToList();
        return new RazorComponentResult<HoldsPage>(new
        {
            UserName = user.Name,
            UserRole = WorklistText.Words(user.Role),
            MayDecide = user.MayDecideHolds,
            DecidingRoles = string.Join(", ", ApiKeyPolicies.DecideHoldsRoles.SkipLast(1).Select(r => WorklistText.Words(r))) + " or " + WorklistText.Words(ApiKeyPolicies.DecideHoldsRoles[^1]),
            Rows = rows,
            Paging = paging,
            Errors = errors,
            Status = status ?? "open",
            Customer = customer,
            MinAgeHours = minAgeHours,
            ApproverRole = approverRole,
            Back = Path + http.Request.QueryString,
            Message = PageMessage.From(CreditMessages.TakeFlash(http)),
        });
    }

    public static async Task<IResult> DecideAsync(HttpContext http, string holdId, HoldRepository holds, CreditPolicies policies, DurableTaskClient client)
    {
        var user = CreditGuard.User(http);
        if (!user.MayDecideHolds)
        {
            return WorkspaceNotices.NotAllowed(user, $"Deciding holds needs the role {DecidingRoles}; you are signed in as {user.Name} with the role {user.Role}. Nothing was sent.", Path, "Held orders");
        }

        if (await AdminForms.ReadAsync(http.Request, http.RequestAborted) is not { } form)
        {
            return WorkspaceNotices.NotAForm(user, "Decide from the worklist page. Nothing was sent.", Path, "Held orders");
        }

        var back = CreditGuard.IsCreditPath(form["back"]) ? form["back"].ToString() : Path;
        if (form.ContainsKey("decidedBy") || form.ContainsKey("role"))
        {
            // A page from before the sign-in named the decider; deciding as someone else than the session is never meant.
            return CreditMessages.RedirectWith(http, back, Flash.Error($"The form named the decider, which the signed-in user now is ({user.Name}, {user.Role}). Nothing was sent; decide again from this page."));
        }

        if (string.Equals(form["outcome"], "reject", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(form["comment"]))
        {
            // As on the approval page: a stop on an order is explained to whoever reads the decision log and the ERP.
            return CreditMessages.RedirectWith(http, back, Flash.Error($"A rejection needs a comment saying why: write it beside Reject for {holdId}. Nothing was sent."));
        }

        var result = await HoldsApi.DecideAsAsync(holdId, new HoldDecisionBody(form["outcome"], form["comment"]), user.Name, user.Role, holds, (await policies.InForceAsync(http.RequestAborted)).Authority, client, http.RequestAborted);
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
        return CreditMessages.RedirectWith(http, back, message);
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

    private static string DecidingRoles =>
        string.Join(", ", ApiKeyPolicies.DecideHoldsRoles.SkipLast(1)) + " or " + ApiKeyPolicies.DecideHoldsRoles[^1];
}
