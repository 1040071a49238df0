using CreditFlow.Domain.Authority;
using CreditFlow.Domain.Roles;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Host.Erp;

/// <summary>
/// Whether a role may decide a hold, in the words the holds API and the held-orders page use. The rule is the
/// domain's (<see cref="AuthorityMatrix.HasAuthority"/> for the hold's least approver role); the hold's workflow
/// applies the same rule to every decision it receives, so this only lets people know before they try.
/// </summary>
internal static class HoldAuthority
{
    /// <summary>The title of the refusal, as problem details and on the page.</summary>
    public const string Title = "Above your authority";

    /// <summary>
    /// True when <paramref name="role"/> may release or reject <paramref name="hold"/>: one of the roles fixed when it was
    /// held (those its workflow accepts), or for an older hold one the matrix in force gives its least role.
    /// </summary>
    public static bool Covers(AuthorityMatrix authority, CreditRole role, HoldRecord hold) => Deciders(authority, hold).Contains(role);

    /// <summary>Who may decide <paramref name="hold"/>, lowest first: "CreditManager or CreditCommittee".</summary>
    public static string WhoDecides(AuthorityMatrix authority, HoldRecord hold)
    {
        var roles = Deciders(authority, hold).Select(r => r.ToString()).ToArray();
        return roles.Length == 1 ? roles[0] : string.Join(", ", roles[..^1]) + " or " + roles[^1];
    }

    /// <summary>
    /// Why <paramref name="role"/> may not decide <paramref name="hold"/>: the amount at stake, the role's limit, and
    /// who decides instead, e.g. "6,000,000.00 CNY at stake, above the 1,000,000.00 CNY a CreditOfficer may decide.
    /// CreditCommittee can decide it."
    /// </summary>
    public static string Why(AuthorityMatrix authority, CreditRole role, HoldRecord hold)
    {
        var atStake = hold.AmountAtStake;
        var who = WhoDecides(authority, hold);
        var start = $"{atStake} at stake";
        var tier = authority.TierOf(role);
        return tier?.UpTo switch
        {
            _ when tier is null => $"{start}; a {role} has no authority over holds. {who} can decide it.",
            { } limit when limit.Currency == atStake.Currency && atStake > limit => $"{start}, above the {limit} a {role} may decide. {who} can decide it.",
            { } limit => $"{start}, within the {limit} a {role} may decide, but the hold's reasons need a {hold.ApproverRole} at least. {who} can decide it.",
            null => $"{start}. {who} can decide it.",
        };
    }

    // The roles fixed when the hold was held; for an older hold, those the matrix in force gives its least role.
    private static IReadOnlyList<CreditRole> Deciders(AuthorityMatrix authority, HoldRecord hold) =>
        hold.AuthorizedRoles.Count > 0 ? hold.AuthorizedRoles : authority.RolesWithAuthority(authority.TierAtLeast(hold.ApproverRole));
}
