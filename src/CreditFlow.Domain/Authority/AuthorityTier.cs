using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Authority;

/// <summary>One rung of the authority matrix: a role that may approve amounts up to a bound.</summary>
/// <param name="Rank">Position in the matrix, 0 for the lowest tier.</param>
/// <param name="Role">Who approves at this tier.</param>
/// <param name="UpTo">Highest amount (inclusive) this tier may approve; <c>null</c> for the unbounded top tier.</param>
public sealed record AuthorityTier(int Rank, CreditRole Role, Money? UpTo)
{
    /// <summary>True when this tier may approve <paramref name="amount"/> on its own.</summary>
    /// <exception cref="CurrencyMismatchException">The amount is in another currency than the matrix.</exception>
    public bool Covers(Money amount) => UpTo is not { } bound || amount <= bound;
}
