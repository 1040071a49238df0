using System.Collections.Concurrent;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// The first answers this process gave lately, by document. A document's first answer never changes,
/// so an ERP retrying an order it already had answered gets that answer from here without a storage
/// request — also while new orders are being turned away as too busy.
/// </summary>
public sealed class RecentAnswers
{
    /// <summary>Answers kept at most; the oldest go first. About an hour of a busy ERP's orders.</summary>
    private const int Capacity = 50_000;

    private readonly ConcurrentDictionary<(string Customer, ErpDocumentKind Kind, string Id), StoredAnswer> _answers = new();
    private readonly ConcurrentQueue<(string, ErpDocumentKind, string)> _order = new();

    /// <summary>The first answer to the document, when this process gave it or repeated it lately; null otherwise.</summary>
    public StoredAnswer? Recall(string customerId, (ErpDocumentKind Kind, string Id) document) =>
        _answers.TryGetValue((customerId, document.Kind, document.Id), out var answer) ? answer : null;

    /// <summary>Keeps the first answer to the document.</summary>
    public void Remember(string customerId, (ErpDocumentKind Kind, string Id) document, StoredAnswer answer)
    {
        var key = (customerId, document.Kind, document.Id);
        if (!_answers.TryAdd(key, answer))
        {
            return;
        }

        _order.Enqueue(key);
        while (_answers.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _answers.TryRemove(oldest, out _);
        }
    }
}
