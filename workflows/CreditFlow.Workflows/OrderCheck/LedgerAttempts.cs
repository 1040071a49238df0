using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// One request's attempts at changing a customer's ledger: read, decide, commit, and after a lost race
/// read and decide again, with a jittered pause, a bounded number of times. The decision is the
/// caller's (<see cref="CheckInTurnAsync"/>, <see cref="BookAsync"/>, <see cref="ChangeAsync"/>); the store only reads and commits.
/// </summary>
/// <remarks>
/// For documents the ERP sends (<see cref="ForNewDocuments"/>) the first attempt presumes they are new:
/// it does not read their rows and may decide on the exposure row this process remembers, so clean
/// orders cost one transaction (and a point read for a customer not served lately). When the
/// presumption was wrong (a retried or early-referenced document), the commit fails and the next
/// attempt reads every row, at once; a remembered exposure row that moved is read again alone.
/// </remarks>
internal sealed class LedgerAttempts
{
    private readonly CustomerLedgerStore _store;
    private readonly LedgerRetryOptions _retry;
    private readonly string _customerId;
    private readonly IReadOnlyList<(ErpDocumentKind Kind, string Id)> _documents;
    private readonly HashSet<(ErpDocumentKind Kind, string Id)> _read;
    private bool _fresh;
    private int _attempt = 1;

    private LedgerAttempts(
        CustomerLedgerStore store,
        LedgerRetryOptions retry,
        string customerId,
        IReadOnlyList<(ErpDocumentKind Kind, string Id)> documents,
        IEnumerable<(ErpDocumentKind Kind, string Id)> read,
        bool fresh)
    {
        _store = store;
        _retry = retry;
        _customerId = customerId;
        _documents = documents;
        _read = [.. read];
        _fresh = fresh;
    }

    /// <summary>True while some document is presumed new (its row unread).</summary>
    public bool Presuming => _documents.Any(d => !_read.Contains(d));

    /// <summary>Attempts at a change that needs <paramref name="documents"/> read, every time.</summary>
    public static LedgerAttempts For(CustomerLedgerStore store, LedgerRetryOptions retry, string customerId, IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> documents) =>
        new(store, retry, customerId, [.. documents], documents, fresh: true);

    /// <summary>Attempts at booking <paramref name="document"/>, presumed new on the first attempt.</summary>
    /// <param name="related">Other rows the decision needs (e.g. the order of a shipment); always read.</param>
    public static LedgerAttempts ForNewDocument(
        CustomerLedgerStore store, LedgerRetryOptions retry, string customerId, (ErpDocumentKind Kind, string Id) document, IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> related) =>
        ForNewDocuments(store, retry, customerId, [document], related);

    /// <summary>Attempts at booking several <paramref name="documents"/> together, each presumed new on the first attempt.</summary>
    /// <param name="related">Other rows the decisions need; always read.</param>
    public static LedgerAttempts ForNewDocuments(
        CustomerLedgerStore store,
        LedgerRetryOptions retry,
        string customerId,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> documents,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> related) =>
        new(store, retry, customerId, [.. documents], related, fresh: false);

    /// <summary>The ledger this attempt decides on: the rows read so far, the exposure row remembered until one was found out of date.</summary>
    public Task<CustomerLedger> ReadAsync(CancellationToken cancellationToken) =>
        _fresh ? _store.ReadAsync(_customerId, _read, cancellationToken) : _store.ReadRememberedAsync(_customerId, _read, cancellationToken);

    /// <summary>
    /// Gives up presuming <paramref name="documents"/> new before acting on them: what is done before a
    /// commit (a hold put on the worklist) must be true of the document, so it is decided on its row as
    /// stored and on a fresh exposure row. Counts as an attempt.
    /// </summary>
    private void Read(IEnumerable<(ErpDocumentKind Kind, string Id)> documents)
    {
        _read.UnionWith(documents);
        _fresh = true;
        _attempt++;
    }

    /// <summary>Commits <paramref name="change"/> (nothing to write counts as committed), or says which race the attempt lost.</summary>
    public Task<LedgerCommit> CommitAsync(CustomerLedger ledger, LedgerChange? change, CancellationToken cancellationToken) =>
        change is null ? Task.FromResult(LedgerCommit.Committed) : _store.CommitAsync(ledger, change, cancellationToken);

    /// <summary>
    /// Prepares the next attempt after a lost race. A document presumed new that exists after all is
    /// read at once, and so is an exposure row remembered but changed meanwhile (only that row: the
    /// documents are still presumed new). Any later loss is a race with another writer: a random pause,
    /// growing with each loss, spreads the losers so they do not collide again in lockstep.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">Every attempt lost its race: the customer is too busy now.</exception>
    public async Task AfterLostRaceAsync(LedgerCommit lost, CancellationToken cancellationToken)
    {
        if (Presuming && lost == LedgerCommit.DocumentMoved)
        {
            Read(_documents);
            return;
        }

        if (_attempt == 1)
        {
            _attempt++;
            return;
        }

        if (_attempt >= _retry.MaxAttempts)
        {
            throw new ConcurrencyConflictException(
                "customer ledger", _customerId, $"{_attempt} attempts in a row lost the race for the exposure row; the customer is too busy, retry later.");
        }

        var ceiling = Math.Min(_retry.MaxPause.TotalMilliseconds, _retry.FirstPause.TotalMilliseconds * _attempt);
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken);
        _attempt++;
    }

    /// <summary>
    /// Checks orders and shipments of the customer in turn until their commit wins: read once, each
    /// <paramref name="checks"/> decided on the ledger as the ones before it left it, the holds put on the
    /// worklist with <paramref name="recordHold"/> before the commit that makes them real, then one
    /// transaction for all. A hold is only recorded on a full read: what goes on the worklist must be
    /// true of the document. A check that throws is refused alone; the others are committed.
    /// </summary>
    /// <returns>Per check, in order: what was committed (or why it was refused), and the last hold recorded for it.</returns>
    /// <exception cref="ConcurrencyConflictException">Every attempt lost its race.</exception>
    public async Task<IReadOnlyList<CheckInTurn>> CheckInTurnAsync(
        IReadOnlyList<Func<CustomerLedger, CheckedDocument>> checks, Func<HoldInput, CancellationToken, Task> recordHold, CancellationToken cancellationToken)
    {
        if (checks.Count != _documents.Count)
        {
            throw new ArgumentException($"One check per document: {_documents.Count} documents, {checks.Count} checks.", nameof(checks));
        }

        var recorded = new HoldInput?[checks.Count];
        while (true)
        {
            var ledger = await ReadAsync(cancellationToken);
            var decided = DecideInTurn(ledger, checks);
            var holds = decided.Select((d, i) => (d.Committed?.Hold, Index: i)).Where(h => h.Hold is not null).ToArray();
            if (holds.Length > 0)
            {
                var unread = holds.Select(h => _documents[h.Index]).Where(d => !_read.Contains(d) || !_fresh).ToArray();
                if (unread.Length > 0)
                {
                    // Only the held documents: the others may still be presumed new.
                    Read(unread);
                    continue;
                }

                foreach (var (hold, i) in holds)
                {
                    recorded[i] = hold;
                }

                await Task.WhenAll(holds.Select(h => recordHold(h.Hold!, cancellationToken)));
            }

            var commit = await CommitAsync(ledger, LedgerChange.Together(decided.Select(d => d.Committed?.Change)), cancellationToken);
            if (commit == LedgerCommit.Committed)
            {
                return decided.Select((d, i) => d with { Recorded = recorded[i] }).ToArray();
            }

            await AfterLostRaceAsync(commit, cancellationToken);
        }
    }

    private static CheckInTurn[] DecideInTurn(CustomerLedger ledger, IReadOnlyList<Func<CustomerLedger, CheckedDocument>> checks)
    {
        var decided = new CheckInTurn[checks.Count];
        for (var i = 0; i < checks.Count; i++)
        {
            try
            {
                var document = checks[i](ledger);
                decided[i] = new CheckInTurn(document, null, null);
                if (document.Change?.Exposure is { } exposure)
                {
                    // The next check sees this one's reservation, as if it had been committed alone.
                    ledger = ledger with { Exposure = exposure };
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One document's bad content (e.g. another currency) must not refuse the customer's other documents.
                decided[i] = new CheckInTurn(null, null, e);
            }
        }

        return decided;
    }

    /// <summary>Books a document until a commit wins: read, <paramref name="book"/>, commit.</summary>
    /// <returns>The booking that was committed.</returns>
    /// <exception cref="ConcurrencyConflictException">Every attempt lost its race.</exception>
    public async Task<LedgerBooking> BookAsync(Func<CustomerLedger, LedgerBooking> book, CancellationToken cancellationToken)
    {
        LedgerBooking? booked = null;
        await ChangeAsync(ledger => (booked = book(ledger)).Change, cancellationToken);
        return booked!;
    }

    /// <summary>Changes the ledger until a commit wins: read, <paramref name="decide"/>, commit.</summary>
    /// <returns>The change that was committed; null when the last decision was to change nothing.</returns>
    /// <exception cref="ConcurrencyConflictException">Every attempt lost its race.</exception>
    public async Task<LedgerChange?> ChangeAsync(Func<CustomerLedger, LedgerChange?> decide, CancellationToken cancellationToken)
    {
        while (true)
        {
            var ledger = await ReadAsync(cancellationToken);
            var change = decide(ledger);
            var commit = await CommitAsync(ledger, change, cancellationToken);
            if (commit == LedgerCommit.Committed)
            {
                return change;
            }

            await AfterLostRaceAsync(commit, cancellationToken);
        }
    }
}
