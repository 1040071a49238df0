using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>One line of an aging report: the open amounts of a customer (or of all) per bucket.</summary>
/// <param name="Key">The customer id, or <see cref="AgingReport.TotalKey"/>.</param>
/// <param name="Amounts">One amount per bucket, in bucket order.</param>
/// <param name="Total">The sum of the amounts.</param>
public sealed record AgingRow(string Key, IReadOnlyList<Money> Amounts, Money Total);

/// <summary>Aging of open receivables by customer and in total (docs/domain.md "Receivable analysis").</summary>
/// <param name="Buckets">The bucket labels, in order.</param>
/// <param name="ByCustomer">One row per customer, ordered by customer id.</param>
/// <param name="Total">The row of all customers.</param>
public sealed record AgingReport(IReadOnlyList<string> Buckets, IReadOnlyList<AgingRow> ByCustomer, AgingRow Total)
{
    /// <summary>The key of the total row.</summary>
    public const string TotalKey = "*";

    /// <summary>Ages the open amounts of <paramref name="receivables"/> on <paramref name="today"/> (settled invoices count nothing).</summary>
    /// <exception cref="CurrencyMismatchException">A receivable is not in <paramref name="currency"/>.</exception>
    public static AgingReport Build(AgingBuckets buckets, IEnumerable<Invoice> receivables, Currency currency, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(receivables);
        var list = receivables.Where(r => r.IsOpen).ToArray();
        AgingRow Row(string key, IEnumerable<Invoice> items)
        {
            var amounts = Enumerable.Repeat(Money.Zero(currency), buckets.Buckets.Count).ToArray();
            foreach (var item in items)
            {
                var index = buckets.IndexOf(item.DaysOverdue(today));
                amounts[index] += item.Open;
            }

            return new AgingRow(key, amounts, amounts.Aggregate(Money.Zero(currency), (sum, a) => sum + a));
        }

        var byCustomer = list
            .GroupBy(r => r.CustomerId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g))
            .ToArray();
        return new AgingReport(buckets.Buckets.Select(b => b.Label).ToArray(), byCustomer, Row(TotalKey, list));
    }
}
