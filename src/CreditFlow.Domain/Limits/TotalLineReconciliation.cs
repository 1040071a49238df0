using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Limits;

/// <summary>Whether the customers' limits fit the company's total credit line, and if not, a proportional scale-down.</summary>
/// <param name="TotalLine">The company-wide total credit line.</param>
/// <param name="Allocated">The sum of all customer limits.</param>
/// <param name="Limits">Each customer's current and proposed limit; proposed equals current when the limits fit.</param>
public sealed record TotalLineReconciliation(Money TotalLine, Money Allocated, IReadOnlyList<ScaledLimit> Limits)
{
    /// <summary>True when the sum of limits is within the total line.</summary>
    public bool Fits => Allocated <= TotalLine;

    /// <summary>Unused total line; negative by the excess when the limits do not fit.</summary>
    public Money Headroom => TotalLine - Allocated;

    /// <summary>The sum of the proposed limits; never above the total line.</summary>
    public Money ProposedTotal => Limits.Aggregate(Money.Zero(TotalLine.Currency), (sum, l) => sum + l.Proposed);
}

/// <summary>One customer's limit before and after reconciliation.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Current">Its limit now.</param>
/// <param name="Proposed">Its limit scaled by total line / allocated, rounded down to the cent.</param>
public sealed record ScaledLimit(string CustomerId, Money Current, Money Proposed)
{
    /// <summary>How much the proposal cuts.</summary>
    public Money Reduction => Current - Proposed;
}
