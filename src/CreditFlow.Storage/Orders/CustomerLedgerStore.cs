using Azure.Data.Tables;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Profiles;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// Reads and changes a customer's order-check ledger in its partition of the credit table: point
/// reads (the exposure row, which carries the profile copy and the terms, and the ERP rows asked
/// for, in parallel) and one entity-group transaction, optimistic concurrency on the exposure row.
/// Concurrent changes for one customer are serialised by the exposure row's ETag, so orders decided
/// in parallel can never together pass a limit that each alone would respect. A commit that loses
/// its race writes nothing and says so; deciding again is the caller's business.
/// </summary>
public sealed partial class CustomerLedgerStore
{
    private static readonly IReadOnlyDictionary<string, ErpRecord> NoRecords = new Dictionary<string, ErpRecord>();

    private readonly TableClient _table;
    private readonly ExposureRowMemory _remembered = new();

    internal CustomerLedgerStore(TableClient table) => _table = table;

    /// <summary>
    /// What the check saw and decided for every order checked on or after <paramref name="since"/>, across customers:
    /// the input of a policy impact simulation. A scan of the table's order rows, for an occasional question, not a request path.
    /// </summary>
    public async Task<IReadOnlyList<CheckedFacts>> OrdersCheckedSinceAsync(DateOnly since, CancellationToken cancellationToken = default)
    {
        var from = OrderCheckRows.DocumentKey(ErpDocumentKind.Order, "!")[..^1];
        var filter = $"RowKey ge {TableKeys.Quote(from)} and RowKey lt {TableKeys.Quote(from[..^1] + "}")} "
            + $"and CheckedOn ge {TableKeys.Quote(since.ToString("O", System.Globalization.CultureInfo.InvariantCulture))}";
        var found = new List<CheckedFacts>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["CheckedOn", "CheckedJson"], cancellationToken: cancellationToken))
        {
            if (e.GetString("CheckedJson") is { } json)
            {
                found.Add(new CheckedFacts(DateOnly.ParseExact(e.GetString("CheckedOn"), "O", System.Globalization.CultureInfo.InvariantCulture), json));
            }
        }

        return found;
    }

    /// <summary>
    /// Reads the exposure row (profile copy, terms, exposure) and the ERP rows asked for; the profile
    /// row itself only when the exposure row has no copy of it (no profile, or one older than the copies).
    /// </summary>
    public Task<CustomerLedger> ReadAsync(string customerId, IEnumerable<(ErpDocumentKind Kind, string Id)> documents, CancellationToken cancellationToken = default) =>
        ReadAsync(customerId, documents, mayRecall: false, cancellationToken);

    /// <summary>
    /// As <see cref="ReadAsync(string, IEnumerable{ValueTuple{ErpDocumentKind, string}}, CancellationToken)"/>, but takes the
    /// exposure row as this process last read or wrote it when it remembers one: a customer served
    /// lately costs no read of it. A change decided on it commits under the remembered ETag, so it
    /// fails if the row changed meanwhile, and the caller then reads afresh.
    /// </summary>
    public Task<CustomerLedger> ReadRememberedAsync(string customerId, IEnumerable<(ErpDocumentKind Kind, string Id)> documents, CancellationToken cancellationToken = default) =>
        ReadAsync(customerId, documents, mayRecall: true, cancellationToken);

    /// <summary>
    /// The ERP rows asked for and nothing else: one point read each, no exposure row (a question about documents, such as
    /// how much of an invoice is open, needs neither the profile nor the terms, and commits nothing).
    /// </summary>
    public async Task<LedgerDocuments> ReadDocumentsAsync(string customerId, IEnumerable<(ErpDocumentKind Kind, string Id)> documents, CancellationToken cancellationToken = default)
    {
        TableKeys.Check(customerId, nameof(customerId));
        ArgumentNullException.ThrowIfNull(documents);
        return new LedgerDocuments(await ReadRecordsAsync(customerId, documents, cancellationToken));
    }

    private async Task<CustomerLedger> ReadAsync(
        string customerId, IEnumerable<(ErpDocumentKind Kind, string Id)> documents, bool mayRecall, CancellationToken cancellationToken)
    {
        TableKeys.Check(customerId, nameof(customerId));
        ArgumentNullException.ThrowIfNull(documents);
        var records = ReadRecordsAsync(customerId, documents, cancellationToken);
        var state = (mayRecall ? _remembered.Recall(customerId) : null) ?? await ReadExposureRowAsync(customerId, cancellationToken);
        return state with { Records = await records };
    }

    /// <summary>The ERP rows asked for, read in parallel; absent ones are missing.</summary>
    private async Task<IReadOnlyDictionary<string, ErpRecord>> ReadRecordsAsync(
        string customerId, IEnumerable<(ErpDocumentKind Kind, string Id)> documents, CancellationToken cancellationToken)
    {
        var reads = documents
            .Select(d => OrderCheckRows.DocumentKey(d.Kind, d.Id))
            .Distinct(StringComparer.Ordinal)
            .Select(key => _table.GetEntityIfExistsAsync<TableEntity>(customerId, key, cancellationToken: cancellationToken))
            .ToArray();
        var found = await Task.WhenAll(reads);
        return found
            .Where(read => read.HasValue)
            .Select(read => read.Value!)
            .ToDictionary(entity => entity.RowKey, OrderCheckRows.ToRecord, StringComparer.Ordinal);
    }

    /// <summary>The exposure row as a ledger without documents; remembered unless the profile had to come from its own row.</summary>
    private async Task<CustomerLedger> ReadExposureRowAsync(string customerId, CancellationToken cancellationToken)
    {
        var read = await _table.GetEntityIfExistsAsync<TableEntity>(customerId, OrderCheckRows.ExposureRowKey, cancellationToken: cancellationToken);
        var row = read.HasValue ? read.Value! : null;
        var profile = row is null ? null : OrderCheckRows.ToProfile(row);
        var guarded = true;
        if (profile is null)
        {
            // No copy: a customer without a profile, or a profile written before profiles were copied here.
            var stored = await _table.GetEntityIfExistsAsync<TableEntity>(customerId, CreditTableRows.ProfileRowKey, cancellationToken: cancellationToken);
            profile = stored.HasValue ? CreditTableRows.ToProfile(stored.Value!) : null;

            // A profile read from its own row is not covered by the exposure row's ETag: never decide on a remembered one.
            guarded = profile is null;
        }

        var state = row is null
            ? new CustomerLedger(customerId, profile, OrderTerms.None, null, null, NoRecords)
            : new CustomerLedger(customerId, profile, OrderCheckRows.ToTerms(row), OrderCheckRows.ToExposure(row), row.ETag.ToString(), NoRecords);
        if (guarded)
        {
            _remembered.Remember(state);
        }
        else
        {
            _remembered.Forget(customerId);
        }

        return state;
    }
}
