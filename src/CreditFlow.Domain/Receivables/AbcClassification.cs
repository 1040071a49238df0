using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>A receivable with its ABC class.</summary>
/// <param name="Receivable">The receivable.</param>
/// <param name="DaysOverdue">Its days overdue on the classification day.</param>
/// <param name="Class">Its class.</param>
public sealed record ClassifiedReceivable(Invoice Receivable, int DaysOverdue, ReceivableClass Class);

/// <summary>
/// ABC classes of receivables by overdue days and amount (docs/domain.md "Receivable analysis").
/// </summary>
/// <remarks>
/// The rule: rank receivables by risk — most days overdue first, then larger amount, then customer and
/// invoice id. Walk the ranking accumulating open amounts. A receivable is C when the amount ranked
/// before it is below <see cref="AbcPolicy.HighRiskShare"/> of the total, else B when it is below
/// HighRiskShare + <see cref="AbcPolicy.WatchShare"/>, else A. So the receivable that crosses a line
/// goes to the riskier class, and the C and B shares are at least their targets when enough is overdue.
/// A receivable not yet overdue (zero or fewer days) is always A: there is nothing to collect yet.
/// </remarks>
/// <param name="Items">Every receivable with its class, riskiest first.</param>
/// <param name="Total">The total open amount.</param>
public sealed record AbcClassification(IReadOnlyList<ClassifiedReceivable> Items, Money Total)
{
    /// <summary>Classifies the open <paramref name="receivables"/> on <paramref name="today"/> (settled invoices are left out).</summary>
    /// <exception cref="CurrencyMismatchException">A receivable is not in <paramref name="currency"/>.</exception>
    public static AbcClassification Classify(AbcPolicy policy, IEnumerable<Invoice> receivables, Currency currency, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(receivables);
        var ranked = receivables
            .Where(r => r.IsOpen)
            .OrderByDescending(r => r.DaysOverdue(today))
            .ThenByDescending(r => r.Open.Amount)
            .ThenBy(r => r.CustomerId, StringComparer.Ordinal)
            .ThenBy(r => r.InvoiceId, StringComparer.Ordinal)
            .ToArray();
        var total = ranked.Aggregate(Money.Zero(currency), (sum, r) => sum + r.Open);
        var cLine = total * policy.HighRiskShare;
        var bLine = total * (policy.HighRiskShare + policy.WatchShare);

        var before = Money.Zero(currency);
        var items = new List<ClassifiedReceivable>(ranked.Length);
        foreach (var receivable in ranked)
        {
            var days = receivable.DaysOverdue(today);
            var cls = days <= 0 ? ReceivableClass.A
                : before < cLine ? ReceivableClass.C
                : before < bLine ? ReceivableClass.B
                : ReceivableClass.A;
            items.Add(new ClassifiedReceivable(receivable, days, cls));
            before += receivable.Open;
        }

        return new AbcClassification(items, total);
    }

    /// <summary>The open amount in class <paramref name="class"/>.</summary>
    public Money AmountOf(ReceivableClass @class) =>
        Items.Where(i => i.Class == @class).Aggregate(Total with { Amount = 0m }, (sum, i) => sum + i.Receivable.Open);

    /// <summary>The share of the total open amount in class <paramref name="class"/> (0 when nothing is open).</summary>
    public decimal ShareOf(ReceivableClass @class) => Total.Amount == 0m ? 0m : AmountOf(@class).Amount / Total.Amount;
}
