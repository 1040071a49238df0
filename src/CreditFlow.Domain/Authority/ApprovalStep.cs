using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.Authority;

/// <summary>One approval in the ordered chain a decision needs.</summary>
/// <param name="Order">1 for the first approval, then 2, 3...</param>
/// <param name="Tier">The tier whose role approves at this step.</param>
public sealed record ApprovalStep(int Order, AuthorityTier Tier)
{
    /// <summary>The approving role.</summary>
    public CreditRole Role => Tier.Role;
}
