using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage;
using CreditFlow.Storage.Orders;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// One writer per customer in this process. The orders and shipments of a customer wait here in
/// arrival order and are checked several at a time, each on the ledger as the ones before it left it,
/// on one read, and committed in one transaction (group commit). A customer the ERP floods costs about
/// one transaction per batch instead of a lost race, a re-read and a retry per order, and nothing
/// here is decided twice. Other processes still race for the same exposure row; <see cref="LedgerAttempts"/>
/// reads and decides again when they win, with a jittered pause and a bounded number of attempts.
/// </summary>
public sealed class CustomerQueues(CustomerLedgerStore ledgers, LedgerRetryOptions retry, HoldStarter starter, IOptions<OrderAdmissionOptions> options, TimeProvider clock)
{
    private readonly Dictionary<string, Queue<QueuedCheck>> _queues = new(StringComparer.Ordinal);
    private int _waiting;

    /// <summary>How long the customers' commits take right now.</summary>
    public StoragePace Pace { get; } = new(clock);

    /// <summary>Documents of every customer waiting for their answer in this process, the ones being committed included.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// How long a new document of <paramref name="customerId"/> can expect to wait for its answer: a
    /// commit for the batch under way, if any, and one for each batch it would queue behind or join.
    /// </summary>
    public TimeSpan ExpectedWait(string customerId)
    {
        int commits;
        lock (_queues)
        {
            commits = _queues.TryGetValue(customerId, out var queue) ? 1 + ((queue.Count + Limit) / Limit) : 1;
        }

        return Pace.RoundTrip() * commits;
    }

    private int Limit => options.Value.GroupCommitLimit;

    /// <summary>
    /// Checks a document of <paramref name="customerId"/> in its turn. <paramref name="check"/> decides
    /// on the ledger as read and as the documents before it in the same batch left it; it must not do I/O.
    /// </summary>
    /// <param name="document">The document checked, presumed new (its row is read only when it turns out to exist).</param>
    /// <param name="related">Rows the decision needs besides (e.g. a shipment's order); always read.</param>
    /// <exception cref="ConcurrencyConflictException">Other processes won the race for the customer's exposure row every time.</exception>
    public Task<CheckInTurn> CheckAsync(
        string customerId,
        (ErpDocumentKind Kind, string Id) document,
        IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> related,
        Func<CustomerLedger, CheckedDocument> check)
    {
        var queued = new QueuedCheck(document, related, check);
        Interlocked.Increment(ref _waiting);
        bool first;
        Queue<QueuedCheck>? queue;
        lock (_queues)
        {
            first = !_queues.TryGetValue(customerId, out queue);
            if (first)
            {
                queue = new Queue<QueuedCheck>();
                _queues[customerId] = queue;
            }

            queue!.Enqueue(queued);
        }

        if (first)
        {
            // The customer's writer: it lives while the customer has documents waiting, then goes.
            _ = Task.Run(() => WriteAsync(customerId, queue));
        }

        return queued.Done.Task;
    }

    private async Task WriteAsync(string customerId, Queue<QueuedCheck> queue)
    {
        while (true)
        {
            List<QueuedCheck> batch;
            lock (_queues)
            {
                if (queue.Count == 0)
                {
                    _queues.Remove(customerId);
                    return;
                }

                batch = TakeBatch(queue);
            }

            await CommitAsync(customerId, batch);
            Interlocked.Add(ref _waiting, -batch.Count);
        }
    }

    /// <summary>
    /// The documents at the head of the queue that one transaction can take: at most the limit, and each
    /// row once — a document touching a row already in the batch (a shipment of an order in it, the same
    /// id twice) waits for the next batch, and so does everything behind it, so arrival order holds.
    /// </summary>
    private List<QueuedCheck> TakeBatch(Queue<QueuedCheck> waiting)
    {
        var batch = new List<QueuedCheck>();
        var rows = new HashSet<(ErpDocumentKind, string)>();
        while (batch.Count < Limit && waiting.TryPeek(out var next) && next.Rows.All(row => !rows.Contains(row)))
        {
            rows.UnionWith(next.Rows);
            batch.Add(waiting.Dequeue());
        }

        return batch;
    }

    private async Task CommitAsync(string customerId, List<QueuedCheck> batch)
    {
        var began = Pace.Began();
        try
        {
            var attempts = LedgerAttempts.ForNewDocuments(
                ledgers, retry, customerId, batch.Select(c => c.Document).ToArray(), batch.SelectMany(c => c.Related).Distinct().ToArray());
            var checkedInTurn = await attempts.CheckInTurnAsync(batch.Select(c => c.Check).ToArray(), starter.RecordAsync, CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.SetResult(checkedInTurn[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1 && e is not ConcurrencyConflictException)
        {
            // Storage refused the transaction itself, not a race (e.g. a row too large): one document at a
            // time, so only the one at fault gets the error.
            foreach (var check in batch)
            {
                await CommitAsync(customerId, [check]);
            }
        }
        catch (Exception e)
        {
            foreach (var check in batch)
            {
                check.Done.TrySetException(e);
            }
        }
        finally
        {
            Pace.Ended(began);
        }
    }

    private sealed record QueuedCheck(
        (ErpDocumentKind Kind, string Id) Document, IReadOnlyCollection<(ErpDocumentKind Kind, string Id)> Related, Func<CustomerLedger, CheckedDocument> Check)
    {
        public TaskCompletionSource<CheckInTurn> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IEnumerable<(ErpDocumentKind, string)> Rows => Related.Prepend(Document);
    }
}
