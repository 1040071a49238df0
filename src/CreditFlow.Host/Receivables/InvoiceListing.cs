using Azure;
using CreditFlow.Storage.Dunning;

namespace CreditFlow.Host.Receivables;

/// <summary>
/// Pages of invoices through <see cref="DunningStore.ListAsync"/>, with the status and overdue filters applied to what
/// storage returns. Storage pages are read until the page is full or the reads run out, each asking for no more than
/// the page still lacks, so the continuation always points just past the last invoice looked at.
/// </summary>
internal static class InvoiceListing
{
    /// <summary>Storage reads one request may make: a filter that matches little answers a short page with a continuation, never a long wait.</summary>
    private const int MaxReads = 10;

    /// <returns>The page, or null when storage refused the continuation (made up, or from another listing).</returns>
    public static async Task<InvoicePage?> PageAsync(DunningStore invoices, InvoiceQuery query, DateOnly today, CancellationToken cancellationToken)
    {
        var items = new List<InvoiceSummary>();
        var continuation = query.Continuation;
        for (var read = 0; read < MaxReads && items.Count < query.PageSize; read++)
        {
            IReadOnlyList<DunningRecord> records;
            try
            {
                (records, continuation) = await invoices.ListAsync(query.CustomerId, query.PageSize - items.Count, continuation, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status400BadRequest && read == 0 && query.Continuation is not null)
            {
                return null;
            }

            items.AddRange(records.Where(r => query.Matches(r, today)).Select(r => InvoiceSummary.From(r, today)));
            if (continuation is null)
            {
                break;
            }
        }

        return new InvoicePage(items, PageToken.Write(continuation));
    }

    /// <summary>
    /// Every invoice the query's filters match (its paging aside), in storage's order: for a list that counts and
    /// pages what matches itself, or exports all of it (the workspace's invoices page).
    /// </summary>
    /// <remarks>A status across customers is filtered by the storage service: only the invoices at that status travel.</remarks>
    public static async Task<IReadOnlyList<DunningRecord>> AllAsync(DunningStore invoices, InvoiceQuery query, DateOnly today, CancellationToken cancellationToken) =>
        (query is { CustomerId: null, Status: { } status }
            ? await invoices.ListWithStatusAsync(status, cancellationToken)
            : await invoices.ListAllAsync(query.CustomerId, cancellationToken))
        .Where(r => query.Matches(r, today)).ToList();
}
