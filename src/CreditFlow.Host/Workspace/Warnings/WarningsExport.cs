using CreditFlow.Domain.Warnings;
using CreditFlow.Host.Credit;
using CreditFlow.Host.Warnings;
using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Warnings;
using CreditFlow.Workflows.Policies;
using CreditFlow.Workflows.Warnings;

namespace CreditFlow.Host.Workspace.Warnings;

/// <summary>
/// <c>GET /credit/warnings/export.{csv|xlsx}?level=</c>: every open warning the warnings page lists under the same level
/// filter, on all its pages, for any signed-in credit user (as the page); overdue as on the page, against the first deadline.
/// </summary>
internal static class WarningsExport
{
    public static async Task<IResult> DownloadAsync(HttpContext http, WarningStore warnings, CustomerRepository customers, CreditPolicies policies, TimeProvider clock, string format, string? level)
    {
        if (!TableFiles.IsFormat(format))
        {
            return TypedResults.NotFound();
        }

        var cancellationToken = http.RequestAborted;
        if (!WarningsPageEndpoints.TryLevel(level, out var only))
        {
            return TableFiles.BadFilter("level", $"There is no level \"{level}\": use red, orange or yellow, or none for every level.");
        }

        var open = WarningsPageEndpoints.OpenOf(await warnings.ListAsync(cancellationToken: cancellationToken), only);
        var names = await WorklistText.NamesAsync(open.SelectMany(w => new[] { w.CustomerId, w.RaisedThrough }), customers, cancellationToken);
        var book = await policies.BookWithAsync(open.Select(w => w.RulesVersion), cancellationToken);
        var now = clock.GetUtcNow();
        var table = new ExportTable(
            TableFiles.Named(only is { } l ? $"warnings-{WarningWords.Css(l)}" : "warnings", clock),
            ["Warning id", "Level", "Customer id", "Customer", "Raised through", "Rule", "Reason", "Owner", "Raised (UTC)", "Answer by (UTC)", "Target (UTC)", "Overdue", "Chased", "Proposed actions"],
            open.Select(w =>
            {
                var target = RaisedUnder.FirstDeadline(w, book);
                return new object?[]
                {
                    w.Id, WarningWords.Css(w.Level), w.CustomerId, names.GetValueOrDefault(w.CustomerId), w.RaisedThrough, w.Rule, WarningWords.Reason(w), WorklistText.Words(w.Owner),
                    w.RaisedAt, w.RespondBy, target, now > target ? "yes" : "no", w.Chases.Count, string.Join("; ", w.ProposedActions.Select(WarningWords.Label)),
                };
            }).ToList());
        return await TableFiles.DownloadAsync(table, format, cancellationToken);
    }
}
