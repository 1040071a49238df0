using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// One request's attempts at changing a customer's ledger: read, decide, commit, and after a lost race
/// read and decide again, with a jittered pause, a bounded number of times. The decision is the
/// caller's (<see cref="CheckAsync"/>, <see cref="BookAsync"/>, <see cref="ChangeAsync"/>); the store only reads and commits.
/// </summary>
/// <remarks>
/// For a document the ERP sends (<see cref="ForNewDocument"/>) the first attempt presumes the document
/// is new: it does not read the document's row and may decide on the exposure row this process
/// remembers, so a clean order costs one transaction (and a point read for a customer not served lately).
/// When the presumption was wrong (a retried or early-referenced document, a remembered row that moved),
/// the commit fails and the next attempt reads everything, at once.
/// </remarks>
internal sealed class LedgerAttempts
{
    private readonly CustomerLedgerStore _store;
    private readonly LedgerRetryOptions _retry;
    private readonly string _customerId;
    private readonly IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> _presumedRead;
    private readonly IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> _fullRead;
    private int _attempt = 1;

    private LedgerAttempts(
        CustomerLedgerStore store,
        LedgerRetryOptions retry,
        string customerId,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> fullRead,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)>? presumedRead)
    {
        _store = store;
        _retry = retry;
        _customerId = customerId;
        _fullRead = fullRead;
        _presumedRead = presumedRead ?? fullRead;
        Presuming = presumedRead is not null;
    }

    /// <summary>True while the attempt presumes the document is new (its row unread, the exposure row perhaps remembered).</summary>
    public bool Presuming { get; private set; }

    /// <summary>Attempts at a change that needs <paramref name="documents"/> read, every time.</summary>
    public static LedgerAttempts For(CustomerLedgerStore store, LedgerRetryOptions retry, string customerId, IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> documents) =>
        new(store, retry, customerId, documents, presumedRead: null);

    /// <summary>Attempts at booking <paramref name="document"/>, presumed new on the first attempt.</summary>
    /// <param name="related">Other rows the decision needs (e.g. the order of a shipment); always read.</param>
    public static LedgerAttempts ForNewDocument(
        CustomerLedgerStore store, LedgerRetryOptions retry, string customerId, (ErpDocumentKind Kind, string Id) document, IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> related) =>
        new(store, retry, customerId, related.Prepend(document).ToArray(), presumedRead: related);

    /// <summary>The ledger this attempt decides on.</summary>
    public Task<CustomerLedger> ReadAsync(CancellationToken cancellationToken) =>
        Presuming
            ? _store.ReadRememberedAsync(_customerId, _presumedRead, cancellationToken)
            : _store.ReadAsync(_customerId, _fullRead, cancellationToken);

    /// <summary>
    /// Gives up the presumption before acting on it: what is done before a commit (a hold put on the
    /// worklist) must be true of the document, so it is decided on a full read. Counts as an attempt.
    /// </summary>
    public void ReadInFull()
    {
        Presuming = false;
        _attempt++;
    }

    /// <summary>Commits <paramref name="change"/> (nothing to write counts as committed); false when the attempt lost its race.</summary>
    public Task<bool> CommitAsync(CustomerLedger ledger, LedgerChange? change, CancellationToken cancellationToken) =>
        change is null ? Task.FromResult(true) : _store.TryCommitAsync(ledger, change, cancellationToken);

    /// <summary>
    /// Prepares the next attempt after a lost race: a presuming attempt is followed at once by a full
    /// read; otherwise a random pause, growing with each loss, spreads the losers so they do not collide
    /// again in lockstep.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">Every attempt lost its race: the customer is too busy now.</exception>
    public async Task AfterLostRaceAsync(CancellationToken cancellationToken)
    {
        if (Presuming)
        {
            // The document's row exists after all, or a race was lost: read everything from now on.
            ReadInFull();
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
    /// Checks an order or shipment until a commit wins: read, <paramref name="check"/>, put a hold on the
    /// worklist with <paramref name="recordHold"/> before the commit that makes it real, commit. A hold is
    /// only recorded on a full read: what goes on the worklist must be true of the document.
    /// </summary>
    /// <returns>The committed check, and the last hold recorded (which the committed check may no longer hold).</returns>
    /// <exception cref="ConcurrencyConflictException">Every attempt lost its race.</exception>
    public async Task<(CheckedDocument Committed, HoldInput? Recorded)> CheckAsync(
        Func<CustomerLedger, CheckedDocument> check, Func<HoldInput, CancellationToken, Task> recordHold, CancellationToken cancellationToken)
    {
        HoldInput? recorded = null;
        while (true)
        {
            var ledger = await ReadAsync(cancellationToken);
            var checkedDocument = check(ledger);
            if (checkedDocument.Hold is { } hold)
            {
                if (Presuming)
                {
                    ReadInFull();
                    continue;
                }

                recorded = hold;
                await recordHold(hold, cancellationToken);
            }

            if (await CommitAsync(ledger, checkedDocument.Change, cancellationToken))
            {
                return (checkedDocument, recorded);
            }

            await AfterLostRaceAsync(cancellationToken);
        }
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
            if (await CommitAsync(ledger, change, cancellationToken))
            {
                return change;
            }

            await AfterLostRaceAsync(cancellationToken);
        }
    }
}
