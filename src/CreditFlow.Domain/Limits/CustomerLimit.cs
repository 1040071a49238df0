using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>A customer's current credit limit, as an input to the total-line reconciliation.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Limit">Its limit, not negative.</param>
public sealed record CustomerLimit(string CustomerId, Money Limit)
{
    /// <summary>The customer.</summary>
    /// <exception cref="ArgumentException">Empty id.</exception>
    public string CustomerId { get; } = string.IsNullOrWhiteSpace(CustomerId) ? throw new ArgumentException("A customer id is required.", nameof(CustomerId)) : CustomerId;

    /// <summary>Its limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative limit.</exception>
    public Money Limit { get; } = Limit.IsNegative ? throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "A limit cannot be negative.") : Limit;
}
