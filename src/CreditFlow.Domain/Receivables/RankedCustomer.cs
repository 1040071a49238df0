using CreditFlow.Domain.Monetary;

namespace CreditFlow.Domain.Receivables;

/// <summary>Why a customer is core.</summary>
public enum CoreReason
{
    /// <summary>Not core.</summary>
    None,

    /// <summary>Inside the first share of cumulative sales (the 80/20 type).</summary>
    TopSales,

    /// <summary>Outside that line, but a long-standing customer on looser terms.</summary>
    LongStanding,
}

/// <summary>One customer in the core-customer ranking.</summary>
/// <param name="Rank">1 for the largest sales.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="Sales">Its sales over the ranked years.</param>
/// <param name="CumulativeShareBefore">Share of the total sales of all customers ranked above it.</param>
/// <param name="Reason">Why it is core, or <see cref="CoreReason.None"/>.</param>
public sealed record RankedCustomer(int Rank, string CustomerId, Money Sales, decimal CumulativeShareBefore, CoreReason Reason)
{
    /// <summary>True when the customer is core.</summary>
    public bool IsCore => Reason != CoreReason.None;
}
