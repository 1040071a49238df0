using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>Core credit customers (docs/domain.md "Customers"; the deck's 二八原则型 and 持续往来型).</summary>
public static class CoreCustomers
{
    /// <summary>
    /// Ranks customers by their sales in the <see cref="CoreCustomerPolicy.Years"/> years ending with
    /// <paramref name="throughYear"/>, largest first (ties by customer id). A customer is core by sales
    /// when the share of the customers ranked above it is below the line, so the customer that crosses
    /// the line is core and one starting exactly on it is not. Long-standing customers outside the line
    /// are core too.
    /// </summary>
    /// <param name="policy">Years and line.</param>
    /// <param name="sales">Sales per customer and year; years outside the window are ignored.</param>
    /// <param name="longStandingCustomers">Customers flagged as long-standing.</param>
    /// <param name="throughYear">The last year ranked.</param>
    /// <param name="currency">The currency of the sales.</param>
    /// <exception cref="CurrencyMismatchException">Sales are not all in <paramref name="currency"/>.</exception>
    public static IReadOnlyList<RankedCustomer> Rank(CoreCustomerPolicy policy, IEnumerable<CustomerYearSales> sales, IEnumerable<string> longStandingCustomers, int throughYear, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sales);
        var firstYear = throughYear - policy.Years + 1;
        var totals = sales
            .Where(s => s.Year >= firstYear && s.Year <= throughYear)
            .GroupBy(s => s.CustomerId, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Aggregate(Money.Zero(currency), (sum, s) => sum + s.Sales)));
        return RankBySales(policy, totals, longStandingCustomers, currency);
    }

    /// <summary>
    /// Ranks customers by <paramref name="sales"/> already added up over the window the caller chose (the last
    /// <see cref="CoreCustomerPolicy.Years"/> years, or the months kept of them), by the same rule as <see cref="Rank"/>.
    /// </summary>
    /// <param name="policy">The line.</param>
    /// <param name="sales">One total per customer.</param>
    /// <param name="longStandingCustomers">Customers flagged as long-standing.</param>
    /// <param name="currency">The currency of the sales.</param>
    /// <exception cref="CurrencyMismatchException">Sales are not all in <paramref name="currency"/>.</exception>
    public static IReadOnlyList<RankedCustomer> RankBySales(
        CoreCustomerPolicy policy, IEnumerable<(string CustomerId, Money Sales)> sales, IEnumerable<string> longStandingCustomers, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sales);
        ArgumentNullException.ThrowIfNull(longStandingCustomers);
        var longStanding = longStandingCustomers.ToHashSet(StringComparer.Ordinal);
        var listed = sales.ToList();
        var totals = listed
            .Select(s => (Id: s.CustomerId, s.Sales))
            .Concat(longStanding.Except(listed.Select(s => s.CustomerId), StringComparer.Ordinal).Select(id => (Id: id, Sales: Money.Zero(currency))))
            .OrderByDescending(c => c.Sales.Amount)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToArray();
        var grand = totals.Aggregate(Money.Zero(currency), (sum, c) => sum + c.Sales);

        var before = 0m;
        var ranked = new List<RankedCustomer>(totals.Length);
        foreach (var (id, amount) in totals)
        {
            var shareBefore = grand.Amount == 0m ? 0m : before / grand.Amount;
            var reason = grand.Amount > 0m && amount.Amount > 0m && shareBefore < policy.CumulativeShare ? CoreReason.TopSales
                : longStanding.Contains(id) ? CoreReason.LongStanding
                : CoreReason.None;
            ranked.Add(new RankedCustomer(ranked.Count + 1, id, amount, shareBefore, reason));
            before += amount.Amount;
        }

        return ranked;
    }
}
