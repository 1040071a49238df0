using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>
/// Where the core customers by sales end in a ranking (<see cref="CoreCustomers.RankBySales"/>): the last customer inside
/// the line. Ranked by sales, most first, then by id, the customers core by sales are the ones up to it, so one customer's
/// place is known from its own sales without the whole ranking at hand.
/// </summary>
/// <param name="Currency">The currency of the ranking.</param>
/// <param name="LastCoreCustomerId">The last customer inside the line.</param>
/// <param name="LastCoreSales">Its sales.</param>
/// <param name="CoreCustomers">How many customers are core by sales.</param>
/// <param name="RankedCustomers">How many were ranked.</param>
public sealed record CoreCustomerLine(Currency Currency, string LastCoreCustomerId, Money LastCoreSales, int CoreCustomers, int RankedCustomers)
{
    /// <summary>The line of <paramref name="ranking"/>; null when nobody in it is core by sales (no sales at all).</summary>
    public static CoreCustomerLine? Of(IReadOnlyList<RankedCustomer> ranking, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var core = ranking.Where(r => r.Reason == CoreReason.TopSales).ToList();
        return core.Count == 0 ? null : new CoreCustomerLine(currency, core[^1].CustomerId, core[^1].Sales, core.Count, ranking.Count);
    }

    /// <summary>True when a customer with <paramref name="sales"/> ranks inside the line.</summary>
    /// <exception cref="CurrencyMismatchException"><paramref name="sales"/> is in another currency.</exception>
    public bool Includes(string customerId, Money sales)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var above = (sales - LastCoreSales).Amount; // refuses another currency
        return sales.Amount > 0m && (above > 0m || (above == 0m && string.CompareOrdinal(customerId, LastCoreCustomerId) <= 0));
    }
}
