using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage.Blacklist;
using static CreditFlow.Host.Workspace.Blacklist.BlacklistWords;

namespace CreditFlow.Host.Workspace.Blacklist;

/// <summary>
/// <c>GET /credit/blacklist/export.{csv|xlsx}?source=</c>: every company the blacklist page lists under the same source
/// filter (every source for none, or one the page does not offer, as the page), on all its pages, for any signed-in
/// credit user (as the page).
/// </summary>
internal static class BlacklistExport
{
    public static async Task<IResult> DownloadAsync(HttpContext http, BlacklistStore list, TimeProvider clock, string format, string? source)
    {
        if (!TableFiles.IsFormat(format))
        {
            return TypedResults.NotFound();
        }

        var only = Parse(source);
        var entries = BlacklistPageEndpoints.Matching(await list.ListAllAsync(http.RequestAborted), only);
        var table = new ExportTable(
            TableFiles.Named(only is { } s ? $"blacklist-{Name(s)}" : "blacklist", clock),
            ["Registration number", "Company", "Customer id", "Source", "Case id", "Reason", "Decided by", "Added (UTC)"],
            entries.Select(e => new object?[] { e.RegistrationNumber, e.Name, e.CustomerId, Words(e.Source), e.CaseId, e.Reason, e.DecidedBy, e.AddedAt }).ToList());
        return await TableFiles.DownloadAsync(table, format, http.RequestAborted);
    }
}
