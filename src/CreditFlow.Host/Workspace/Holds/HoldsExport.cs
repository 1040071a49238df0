using CreditFlow.Host.Credit;
using CreditFlow.Host.Erp;
using CreditFlow.Host.Workspace.Export;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Host.Workspace.Holds;

/// <summary>
/// <c>GET /credit/holds/export.{csv|xlsx}?status=&amp;customer=&amp;minAgeHours=&amp;approverRole=</c>: every hold the
/// held-orders page lists under the same filters (the open ones without a status), on all its pages, for any signed-in
/// credit user (as the page); a filter the page would refuse is refused with the same words.
/// </summary>
internal static class HoldsExport
{
    /// <summary>
    /// The page's filters as the download's query (the page number left out: the file holds every page). The status goes
    /// even when empty: "any", where none at all means the open ones.
    /// </summary>
    public static string Query(string? status, string? customer, string? minAgeHours, string? approverRole) =>
        string.Join("&", new[] { ("status", status ?? "open"), ("customer", customer), ("minAgeHours", minAgeHours), ("approverRole", approverRole) }
            .Where(p => p.Item1 == "status" || !string.IsNullOrEmpty(p.Item2))
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    public static async Task<IResult> DownloadAsync(
        HttpContext http, HoldRepository holds, CustomerRepository customers, TimeProvider clock, string format, string? status, string? customer, string? minAgeHours, string? approverRole)
    {
        if (!TableFiles.IsFormat(format))
        {
            return TypedResults.NotFound();
        }

        var cancellationToken = http.RequestAborted;
        var errors = new Dictionary<string, string[]>();
        var query = HoldsApi.Query(clock, status ?? "open", customer, minAgeHours, approverRole, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The download's filter is not one the page offers.");
        }

        // Every hold the filter matches: the page's bound of 200 (HoldQuery.Max) is for reading, not for a download.
        var all = await holds.ListAsync(query with { Max = int.MaxValue }, cancellationToken);
        var names = await WorklistText.NamesAsync(all.Where(h => h.CustomerName is null).Select(h => h.CustomerId), customers, cancellationToken);
        var table = new ExportTable(
            TableFiles.Named(query.Status is { } only ? $"holds-{WorklistText.Words(only)}" : "holds", clock),
            ["Hold id", "Held (UTC)", "Customer id", "Customer", "What", "Document", "Order", "Amount", "At stake", "Currency", "Approver", "Why", "Status", "Decided (UTC)", "Decided by", "Comment"],
            all.Select(h => new object?[]
            {
                h.HoldId, h.HeldAt, h.CustomerId, h.CustomerName ?? names.GetValueOrDefault(h.CustomerId), WorklistText.Words(h.Kind), h.DocumentId, h.OrderId,
                h.Amount.Amount, h.AmountAtStake.Amount, h.Amount.Currency.Code, WorklistText.Words(h.ApproverRole), string.Join("; ", h.Reasons),
                WorklistText.Words(h.Status), h.DecidedAt, h.DecidedBy, h.Comment,
            }).ToList());
        return await TableFiles.DownloadAsync(table, format, cancellationToken);
    }
}
