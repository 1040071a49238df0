using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Workflows.LegalHandoff;
using CreditFlow.Workflows.Policies;

namespace CreditFlow.Host.Workspace.Cases;

/// <summary>
/// <c>GET /credit/cases/export.{csv|xlsx}?status=</c>: every legal case the cases page lists under the same status filter
/// (the open ones without one), on all its pages, with what is still owed on each now, for any signed-in credit user (as the page).
/// </summary>
internal static class CasesExport
{
    public static async Task<IResult> DownloadAsync(HttpContext http, CaseStore cases, CaseDebts debts, CreditPolicies policies, TimeProvider clock, string format, string? status)
    {
        if (!TableFiles.IsFormat(format))
        {
            return TypedResults.NotFound();
        }

        var cancellationToken = http.RequestAborted;
        if (!CasesPageEndpoints.TryFilter(status, out var filter, out var only))
        {
            return TableFiles.BadFilter("status", $"There is no status \"{status}\": use open, all or one of {WorklistText.OneOf(Enum.GetValues<CaseStatus>().Select(CaseWords.Css))}.");
        }

        var rows = new List<object?[]>();
        foreach (var c in CasesPageEndpoints.Matching(await cases.ListEveryAsync(cancellationToken: cancellationToken), filter, only).Select(r => r.Case))
        {
            var owed = (await debts.OwedAsync(c, cancellationToken)).Total;
            var authority = (await policies.VersionOrInForceAsync(c.Approval?.PolicyVersion, cancellationToken)).Authority; // as the page: the matrix it was asked under
            rows.Add(
            [
                c.CaseId, c.CustomerId, c.CustomerName, WorklistText.Words(c.Status), c.OpenedAt, c.OpenedBy, c.Invoices.Count,
                c.Claimed.Amount, owed.Amount, c.Recovered.Amount, c.Claimed.Currency.Code,
                c.Route is { } route ? LegalCase.Words(route) : null, c.Agency, CaseWords.WaitsFor(c, authority), c.LastHeardAt,
            ]);
        }

        var table = new ExportTable(
            TableFiles.Named($"cases-{filter}", clock),
            ["Case id", "Customer id", "Customer", "Status", "Opened (UTC)", "Opened by", "Invoices", "Claimed", "Still owed", "Recovered", "Currency", "Route", "Agency", "Waits for", "Last heard (UTC)"],
            rows);
        return await TableFiles.DownloadAsync(table, format, cancellationToken);
    }
}
