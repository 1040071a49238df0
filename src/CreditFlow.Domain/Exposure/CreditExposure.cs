using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Exposure;

/// <summary>
/// Exposure: what a customer (or group) could cost if it stopped paying today, split by component.
/// Components excluded by the <see cref="ExposurePolicy"/> are zero. Exposures add up component by component.
/// </summary>
/// <param name="OpenReceivables">Counted open receivables.</param>
/// <param name="ShippedNotInvoiced">Counted shipped-not-invoiced amount.</param>
/// <param name="OpenOrders">Counted open orders.</param>
public sealed record CreditExposure(Money OpenReceivables, Money ShippedNotInvoiced, Money OpenOrders)
{
    /// <summary>No exposure in <paramref name="currency"/>.</summary>
    public static CreditExposure Zero(Currency currency) => new(Money.Zero(currency), Money.Zero(currency), Money.Zero(currency));

    /// <summary>The sum of the counted components.</summary>
    /// <exception cref="CurrencyMismatchException">The components are in different currencies.</exception>
    public Money Total => OpenReceivables + ShippedNotInvoiced + OpenOrders;

    /// <summary>The currency of the exposure.</summary>
    public Currency Currency => OpenReceivables.Currency;

    /// <summary>Adds two exposures component by component (a group is the sum of its members).</summary>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static CreditExposure operator +(CreditExposure left, CreditExposure right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.OpenReceivables + right.OpenReceivables, left.ShippedNotInvoiced + right.ShippedNotInvoiced, left.OpenOrders + right.OpenOrders);
    }

    /// <summary>Same as <c>+</c>, for languages without operators.</summary>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public CreditExposure Add(CreditExposure other) => this + other;
}
