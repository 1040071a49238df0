using CreditFlow.Domain.Roles;

namespace CreditFlow.Host.Security;

/// <summary>Who is signed in to the credit pages: the API key's name and role, until the session expires.</summary>
/// <param name="Name">The key's holder, recorded as the decider in the decision log.</param>
/// <param name="Role">The key's role; the workflows still check its authority per decision.</param>
internal sealed record CreditUser(string Name, CreditRole Role, DateTimeOffset Expires)
{
    /// <summary>True for a role that may release or reject holds at all (<see cref="ApiKeyPolicies.DecideHoldsRoles"/>).</summary>
    public bool MayDecideHolds => ApiKeyPolicies.DecideHoldsRoles.Contains(Role);
}
