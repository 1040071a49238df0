using System.Numerics;
using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>Reconciles customer limits with the company-wide total credit line (set first, then limits, then both adjusted).</summary>
public static class TotalCreditLine
{
    /// <summary>Checks that the limits fit the total; when they do not, proposes scaling every limit by total / sum.</summary>
    /// <remarks>
    /// Each proposal is rounded down to the cent in exact integer arithmetic, so the proposals never add up to more
    /// than the total line; the few cents left over stay unallocated rather than being handed out arbitrarily.
    /// </remarks>
    /// <param name="totalLine">The total credit line; not negative.</param>
    /// <param name="limits">Every customer's limit, in the total line's currency.</param>
    /// <exception cref="ArgumentOutOfRangeException">The total line is negative.</exception>
    /// <exception cref="ArgumentException">A customer appears twice.</exception>
    /// <exception cref="CurrencyMismatchException">A limit is in another currency than the total line.</exception>
    public static TotalLineReconciliation Reconcile(Money totalLine, IReadOnlyList<CustomerLimit> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegative(totalLine.Amount, nameof(totalLine));
        if (limits.GroupBy(l => l.CustomerId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Customer '{duplicate.Key}' appears more than once.", nameof(limits));
        }

        var allocated = limits.Aggregate(Money.Zero(totalLine.Currency), (sum, l) => sum + l.Limit);
        if (allocated <= totalLine)
        {
            return new TotalLineReconciliation(totalLine, allocated, limits.Select(l => new ScaledLimit(l.CustomerId, l.Limit, l.Limit)).ToArray());
        }

        var totalCents = Cents(totalLine.Amount);
        var allocatedCents = Cents(allocated.Amount);
        var scaled = limits
            .Select(l => new ScaledLimit(l.CustomerId, l.Limit, new Money((decimal)(Cents(l.Limit.Amount) * totalCents / allocatedCents) / 100m, totalLine.Currency)))
            .ToArray();
        return new TotalLineReconciliation(totalLine, allocated, scaled);
    }

    // Whole cents, rounded down; BigInteger keeps cents × cents exact at any size.
    private static BigInteger Cents(decimal amount) => new(decimal.Floor(amount * 100m));
}
