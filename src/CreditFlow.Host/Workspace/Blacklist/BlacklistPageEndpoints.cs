using System.Text;
using CreditFlow.Domain.Customers;
using CreditFlow.Host.Admin;
using CreditFlow.Host.Applications;
using CreditFlow.Host.Blacklist;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Pages;
using CreditFlow.Host.Security;
using CreditFlow.Storage;
using CreditFlow.Storage.Blacklist;
using Microsoft.AspNetCore.Http.HttpResults;
using static CreditFlow.Host.Workspace.Blacklist.BlacklistWords;

namespace CreditFlow.Host.Workspace.Blacklist;

/// <summary>
/// The page <c>/credit/blacklist</c> (<see cref="BlacklistPage"/>): the companies on the blacklist, newest first, with
/// reason, source (a legal case linked to its page), who decided and when; a form adding a company and one uploading an
/// industry list (CSV) for the roles that may (<see cref="ApiKeyPolicies.ManageBlacklistRoles"/>); a removal form on each
/// entry for the credit committee, and for everyone else, who may remove instead. Below, the latest removals. Every change
/// goes through <see cref="BlacklistDesk"/>, as the API's do.
/// </summary>
internal static class BlacklistPageEndpoints
{
    public const string Path = "/credit/blacklist";
    private const int RemovedShown = 20;

    public static RouteGroupBuilder MapBlacklistPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapWorkspaceGroup(Path);
        page.MapGet("", ShowAsync).WithName("BlacklistPage").WithSummary("The blacklist, newest first, with the forms to add, import and remove.");
        page.MapGet("/export.{format}", BlacklistExport.DownloadAsync).WithName("BlacklistExport").WithSummary("Every blacklist entry of the source filter (not only the page shown), as CSV or Excel (xlsx).");
        page.MapPost("/add", AddAsync).WithName("BlacklistPageAdd").WithSummary("Puts a company on the blacklist as the signed-in user.");
        page.MapPost("/import", ImportAsync).WithName("BlacklistPageImport").WithSummary("Imports an industry list (CSV) as the signed-in user.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(BlacklistApi.MaxCsvBytes + 64 * 1024));
        page.MapPost("/remove", RemoveAsync).WithName("BlacklistPageRemove").WithSummary("Takes a company off the blacklist: the credit committee only.");
        return page;
    }

    public static async Task<RazorComponentResult<BlacklistPage>> ShowAsync(HttpContext http, BlacklistStore list, string? source, string? page)
    {
        var user = CreditGuard.User(http);
        var cancellationToken = http.RequestAborted;
        var only = Parse(source);
        var everything = await list.ListAllAsync(cancellationToken);
        var matching = Matching(everything, only);
        var removed = (await list.ListRemovedAsync(cancellationToken: cancellationToken)).Take(RemovedShown).ToList();
        var flash = CreditMessages.TakeFlash(http);
        var paging = Paging.Read(page, matching.Count, ref flash);

        return new RazorComponentResult<BlacklistPage>(new
        {
            UserName = user.Name,
            UserRole = WorklistText.Words(user.Role),
            MayAdd = ApiKeyPolicies.ManageBlacklistRoles.Contains(user.Role),
            IsCommittee = user.Role == BlacklistDesk.Remover,
            Only = only,
            AllCount = everything.Count,
            SourceCounts = Sources.ToDictionary(s => s, s => everything.Count(e => e.Source == s)),
            Entries = paging.Of(matching),
            Paging = paging,
            Removed = removed,
            Message = PageMessage.From(flash),
        });
    }

    /// <summary>The entries the page lists from <paramref name="only"/> (every source when null), newest first as read.</summary>
    internal static List<BlacklistEntry> Matching(IEnumerable<BlacklistEntry> everything, BlacklistSource? only) =>
        everything.Where(e => only is null || e.Source == only).ToList();

    public static async Task<IResult> AddAsync(HttpContext http, BlacklistDesk desk, TimeProvider clock)
    {
        var user = CreditGuard.User(http);
        if (await AdminForms.ReadAsync(http.Request, http.RequestAborted) is not { } form)
        {
            return NotAForm(user);
        }

        if (!ApiKeyPolicies.ManageBlacklistRoles.Contains(user.Role))
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error($"Adding to the blacklist is for {MayAdd()}; you are signed in as {user.Name} ({user.Role}). Nothing was stored."));
        }

        var body = new AddToBlacklistBody(form["registrationNumber"], form["name"], string.IsNullOrWhiteSpace(form["customerId"]) ? null : form["customerId"].ToString().Trim(), form["reason"], form["source"]);
        var problems = AddToBlacklistBody.Validate(body);
        if (problems.IsEmpty)
        {
            var (entry, added, flagged, errors) = await desk.AddAsync(body, user.Name, clock.GetUtcNow(), http.RequestAborted);
            if (errors.IsEmpty)
            {
                var group = flagged.Count == 0 ? "" : $" {flagged.Count} other companies of its group are flagged: their orders on credit are held.";
                return CreditMessages.RedirectWith(http, Path, added
                    ? Flash.Ok($"{entry!.Name} ({entry.RegistrationNumber}) is on the blacklist{(entry.CustomerId is null ? "" : $", and customer {entry.CustomerId} gets no credit")}.{group}")
                    : Flash.Ok($"{entry!.Name} ({entry.RegistrationNumber}) was on the blacklist already, since {When(entry.AddedAt)} UTC by {entry.DecidedBy}; nothing changed.{group}"));
            }

            problems = errors;
        }

        return CreditMessages.RedirectWith(http, Path, Flash.Error(Problems(problems) + " Nothing was stored."));
    }

    public static async Task<IResult> ImportAsync(HttpContext http, BlacklistDesk desk, TimeProvider clock)
    {
        var user = CreditGuard.User(http);
        if (await AdminForms.ReadAsync(http.Request, http.RequestAborted) is not { } form)
        {
            return NotAForm(user);
        }

        if (!ApiKeyPolicies.ManageBlacklistRoles.Contains(user.Role))
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error($"Importing an industry list is for {MayAdd()}; you are signed in as {user.Name} ({user.Role}). Nothing was imported."));
        }

        if (form.Files["file"] is not { Length: > 0 } file)
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error("Choose the CSV file of the industry list first. Nothing was imported."));
        }

        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
        try
        {
            var (imported, errors) = await desk.ImportAsync(reader, user.Name, clock.GetUtcNow(), http.RequestAborted);
            return imported is null
                ? CreditMessages.RedirectWith(http, Path, Flash.Error($"{file.FileName}: {Problems(errors)} Nothing was imported."))
                : CreditMessages.RedirectWith(http, Path, Flash.Ok(
                    $"{file.FileName}: {imported.Added.Count} companies put on the blacklist, {imported.AlreadyListed.Count} on it already"
                    + (imported.CustomersBlacklisted.Count == 0 ? "." : $"; our customers among them get no credit: {string.Join(", ", imported.CustomersBlacklisted)}.")));
        }
        catch (ConcurrencyConflictException)
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error($"{file.FileName}: a company of the list was added meanwhile; nothing was imported. Import it again."));
        }
    }

    public static async Task<IResult> RemoveAsync(HttpContext http, BlacklistDesk desk, TimeProvider clock)
    {
        var user = CreditGuard.User(http);
        if (await AdminForms.ReadAsync(http.Request, http.RequestAborted) is not { } form)
        {
            return NotAForm(user);
        }

        var number = form["registrationNumber"].ToString();
        if (user.Role != BlacklistDesk.Remover)
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error(BlacklistDesk.NotTheCommittee(user.Name, user.Role)));
        }

        var reason = form["reason"].ToString().Trim();
        if (reason.Length == 0)
        {
            return CreditMessages.RedirectWith(http, Path, Flash.Error($"Reason: say why the committee takes {number} off. Nothing was changed."));
        }

        var removed = BlacklistStore.IsValidRegistrationNumber(number)
            ? await desk.RemoveAsync(number, reason, user.Name, user.Role, clock.GetUtcNow(), http.RequestAborted)
            : null;
        return CreditMessages.RedirectWith(http, Path, removed is null
            ? Flash.Error($"{number} is not on the blacklist (any more). Nothing was changed.")
            : Flash.Ok($"{removed.Name} ({removed.RegistrationNumber}) is off the blacklist{(removed.CustomerId is null ? "" : "; the customer's status is back to " + (removed.CustomerStatusBefore?.ToString() ?? "Restricted, for a review"))}."));
    }

    private static IResult NotAForm(CreditUser user) =>
        WorkspaceNotices.NotAForm(user, "Change the blacklist from the blacklist page. Nothing was stored.", Path, "Blacklist");

    private static string Problems(FieldErrors errors) =>
        string.Join(" ", errors.ToDictionary().Select(p => $"{p.Key}: {string.Join(" ", p.Value)}"));
}
