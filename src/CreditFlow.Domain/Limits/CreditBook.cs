using CreditFlow.Domain.Classes;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>
/// The company's credit in one currency (docs/domain.md "Credit limit and terms", "Receivable analysis"): the limits granted
/// and the exposure against the total credit line, reconciled with it, and where the high-risk customers are — by class
/// by industry and by region.
/// </summary>
/// <param name="Currency">The currency of every figure.</param>
/// <param name="TotalLine">The company-wide total credit line; null when none is set in this currency.</param>
/// <param name="Granted">The limits in use (<see cref="BookedCustomer.LimitInUse"/>).</param>
/// <param name="Exposure">Every customer's exposure.</param>
/// <param name="Customers">Customers with a limit in use or an exposure in this currency (one that came back to nothing does not count).</param>
/// <param name="ElsewhereCustomers">Customers with a limit or an exposure only in other currencies: not in these figures.</param>
/// <param name="Reconciliation">The limits against the total line; null without one.</param>
/// <param name="ByClass">A, B, C, D, then the unrated, each even when empty.</param>
/// <param name="ByIndustry">The industries, the most high-risk exposure first, then the most exposure.</param>
/// <param name="HighRiskClasses">The classes counted as high risk.</param>
public sealed record CreditBook(
    Currency Currency,
    Money? TotalLine,
    Money Granted,
    Money Exposure,
    int Customers,
    int ElsewhereCustomers,
    TotalLineReconciliation? Reconciliation,
    IReadOnlyList<BookSlice> ByClass,
    IReadOnlyList<BookSlice> ByIndustry,
    IReadOnlyList<CreditClass> HighRiskClasses)
{
    /// <summary>
    /// The customers in a high-risk class with an exposure in this currency, the most exposed first (then by id): whom
    /// collection and the next review should look at first.
    /// </summary>
    public IReadOnlyList<BookedCustomer> MostExposedHighRisk { get; init; } = [];

    /// <summary>The regions the customers were registered in, ordered as <see cref="ByIndustry"/>.</summary>
    public IReadOnlyList<BookSlice> ByRegion { get; init; } = [];

    /// <summary>The key of the class slice of customers never rated.</summary>
    public const string Unrated = "unrated";

    /// <summary>The key of the industry slice of customers with none on file.</summary>
    public const string NoIndustry = "not given";

    /// <summary>The exposure as a share of the total line; null without a positive line.</summary>
    public decimal? LineUsed => TotalLine is { Amount: > 0m } line ? Exposure.Amount / line.Amount : null;

    /// <summary>The limits granted as a share of the total line; null without a positive line.</summary>
    public decimal? LineGranted => TotalLine is { Amount: > 0m } line ? Granted.Amount / line.Amount : null;

    /// <summary>The line not yet used by exposure; negative when exposure is over it; null without a line.</summary>
    public Money? Headroom => TotalLine is { } line ? line - Exposure : null;

    /// <summary>The exposure of customers in a high-risk class.</summary>
    public Money HighRiskExposure => Money.Sum(ByClass.Select(s => s.HighRiskExposure), Currency);

    /// <summary>The customers in a high-risk class.</summary>
    public int HighRiskCustomers => ByClass.Sum(s => s.HighRiskCustomers);

    /// <summary>The book of <paramref name="customers"/> in <paramref name="currency"/>.</summary>
    /// <param name="customers">Every customer, whatever its currency.</param>
    /// <param name="currency">The book's currency.</param>
    /// <param name="totalLine">The total credit line; one in another currency is not compared (null is given to the book).</param>
    /// <param name="highRiskClasses">The classes counted as high risk (docs/domain.md: C watch, D no credit).</param>
    public static CreditBook Of(IEnumerable<BookedCustomer> customers, Currency currency, Money? totalLine, IReadOnlyCollection<CreditClass> highRiskClasses)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(highRiskClasses);
        var line = totalLine is { } t && t.Currency == currency ? t : (Money?)null;
        var counted = customers
            .Select(c => new Counted(c, c.LimitIn(currency), c.ExposureIn(currency), c.Class is { } k && highRiskClasses.Contains(k)))
            .ToList();
        var here = counted.Where(c => c.Limit is not null || c.Exposure is not null).ToList();
        var elsewhere = counted.Count(c => c.Limit is null && c.Exposure is null && c.Customer.Currencies.Any());

        var granted = Limits(here, currency);
        var exposure = Exposures(here, currency);
        var reconciliation = line is { } l
            ? TotalCreditLine.Reconcile(l, here.Where(c => c.Limit is not null).Select(c => new CustomerLimit(c.Customer.CustomerId, c.Limit!.Value)).ToList())
            : null;

        var byClass = Enum.GetValues<CreditClass>().Select(k => k.ToString()).Append(Unrated)
            .Select(key => Slice(key, here.Where(c => (c.Customer.Class?.ToString() ?? Unrated) == key), currency))
            .ToList();
        var byIndustry = WhereTheRiskIs(here, c => c.Industry?.Trim() is { Length: > 0 } named ? named : NoIndustry, currency);
        return new CreditBook(currency, line, granted, exposure, here.Count, elsewhere, reconciliation, byClass, byIndustry, highRiskClasses.Order().ToList())
        {
            ByRegion = WhereTheRiskIs(here, c => c.Region, currency),
            MostExposedHighRisk = here
                .Where(c => c.HighRisk && c.Exposure is not null)
                .OrderByDescending(c => c.Exposure!.Value.Amount)
                .ThenBy(c => c.Customer.CustomerId, StringComparer.Ordinal)
                .Select(c => c.Customer)
                .ToList(),
        };
    }

    /// <summary>The customers grouped by <paramref name="keyOf"/> (case aside), the most high-risk exposure first, then the most exposure.</summary>
    private static List<BookSlice> WhereTheRiskIs(IEnumerable<Counted> customers, Func<BookedCustomer, string> keyOf, Currency currency) =>
        customers
            .GroupBy(c => keyOf(c.Customer), StringComparer.OrdinalIgnoreCase)
            .Select(g => Slice(g.Key, g, currency))
            .OrderByDescending(s => s.HighRiskExposure.Amount)
            .ThenByDescending(s => s.Exposure.Amount)
            .ThenBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static BookSlice Slice(string key, IEnumerable<Counted> customers, Currency currency)
    {
        var list = customers.ToList();
        var risky = list.Where(c => c.HighRisk).ToList();
        return new BookSlice(key, list.Count, Limits(list, currency), Exposures(list, currency), risky.Count, Exposures(risky, currency));
    }

    private static Money Limits(IEnumerable<Counted> customers, Currency currency) => Money.Sum(customers.Select(c => c.Limit).OfType<Money>(), currency);

    private static Money Exposures(IEnumerable<Counted> customers, Currency currency) => Money.Sum(customers.Select(c => c.Exposure).OfType<Money>(), currency);

    /// <summary>A customer with what of it counts in the book's currency.</summary>
    private sealed record Counted(BookedCustomer Customer, Money? Limit, Money? Exposure, bool HighRisk);
}
