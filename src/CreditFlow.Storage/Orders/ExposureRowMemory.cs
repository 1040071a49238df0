using System.Collections.Concurrent;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// Each customer's exposure row as this process last read or wrote it, with its ETag. A decision on a
/// remembered row commits under that ETag, so a row changed meanwhile (another process, a profile
/// write, new terms) fails the commit and the next attempt reads: what it saves is the read of a
/// customer this process served lately.
/// </summary>
internal sealed class ExposureRowMemory
{
    /// <summary>Customers remembered at most; beyond it the memory starts again empty.</summary>
    private const int MaxRemembered = 20_000;

    private readonly ConcurrentDictionary<string, CustomerLedger> _rows = new(StringComparer.Ordinal);

    /// <summary>The remembered row of <paramref name="customerId"/> (a ledger without documents), or null.</summary>
    public CustomerLedger? Recall(string customerId) => _rows.TryGetValue(customerId, out var row) ? row : null;

    /// <summary>True when the customer's row is remembered.</summary>
    public bool Knows(string customerId) => _rows.ContainsKey(customerId);

    /// <summary>Remembers <paramref name="row"/> as its customer's.</summary>
    public void Remember(CustomerLedger row)
    {
        if (_rows.Count >= MaxRemembered)
        {
            _rows.Clear();
        }

        _rows[row.CustomerId] = row;
    }

    /// <summary>Forgets the customer's row: whatever is remembered may no longer be true.</summary>
    public void Forget(string customerId) => _rows.TryRemove(customerId, out _);
}
