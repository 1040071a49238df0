using CreditFlow.Domain.Roles;
using CreditFlow.Host.Configuration;

namespace CreditFlow.Host.Security;

/// <summary>
/// Staff sign-in through an OpenID Connect provider (Microsoft Entra ID or any other), configured as
/// <c>SignIn__Authority</c>, <c>SignIn__ClientId</c>, <c>SignIn__ClientSecret</c> and, per CreditFlow role,
/// the values of the provider's role claim that carry it: <c>SignIn__Roles__CreditManager=CreditFlow.CreditManager</c>
/// (several comma separated). Absent authority: no staff sign-in, the pages take API keys as before.
/// </summary>
/// <param name="RoleClaim">The claim holding the provider's roles or groups (<c>roles</c> in Entra ID app roles; <c>groups</c> for groups).</param>
/// <param name="NameClaim">The claim naming the person, recorded as the decider (<c>name</c>).</param>
/// <param name="RoleMap">Each role-claim value and the CreditFlow role it grants.</param>
public sealed record StaffSignInSettings(
    Uri Authority, string ClientId, string? ClientSecret, string RoleClaim, string NameClaim,
    IReadOnlyDictionary<string, CreditRole> RoleMap, bool RequireHttpsMetadata)
{
    // A person mapped to several roles acts in the first: the most authority over holds first.
    private static readonly CreditRole[] Precedence =
        [CreditRole.CreditCommittee, CreditRole.CreditManager, CreditRole.CreditOfficer, CreditRole.Admin, CreditRole.Legal, CreditRole.Finance, CreditRole.SalesRep];

    /// <summary>The CreditFlow roles the provider's role-claim values grant, in the order of <see cref="Precedence"/>.</summary>
    public IReadOnlyList<CreditRole> RolesOf(IEnumerable<string> claimValues)
    {
        var granted = claimValues.Where(RoleMap.ContainsKey).Select(v => RoleMap[v]).ToHashSet();
        return [.. Precedence.Where(granted.Contains)];
    }

    /// <returns>Null when <c>SignIn__Authority</c> is not set.</returns>
    /// <exception cref="SettingsException">The authority is set but the rest is missing or invalid.</exception>
    internal static StaffSignInSettings? From(IConfiguration configuration, SettingsReader read)
    {
        if (read.AbsoluteUri("SignIn:Authority", "SignIn__Authority") is not { } authority)
        {
            return null;
        }

        var clientId = read.RequiredString("SignIn:ClientId", "SignIn__ClientId");
        var map = new Dictionary<string, CreditRole>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection("SignIn:Roles").GetChildren())
        {
            if (!Enum.TryParse<CreditRole>(entry.Key, ignoreCase: false, out var role) || !Enum.IsDefined(role))
            {
                throw new SettingsException($"SignIn__Roles__{entry.Key}", $"names no CreditFlow role; use one of {string.Join(", ", Enum.GetNames<CreditRole>())}.");
            }

            foreach (var value in (entry.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!map.TryAdd(value, role) && map[value] != role)
                {
                    throw new SettingsException($"SignIn__Roles__{entry.Key}", $"'{value}' already grants {map[value]}; one claim value grants one role.");
                }
            }
        }

        if (map.Count == 0)
        {
            throw new SettingsException("SignIn__Roles", "must map at least one role-claim value to a CreditFlow role (e.g. SignIn__Roles__CreditManager=CreditFlow.CreditManager); without one nobody could do anything.");
        }

        var secret = read.String("SignIn:ClientSecret");
        var requireHttps = !string.Equals(read.String("SignIn:RequireHttpsMetadata"), "false", StringComparison.OrdinalIgnoreCase);
        if (requireHttps && authority.Scheme != Uri.UriSchemeHttps)
        {
            throw new SettingsException("SignIn__Authority", "must be https (SignIn__RequireHttpsMetadata=false allows http for a local stand-in only).");
        }

        return new StaffSignInSettings(
            authority, clientId, string.IsNullOrEmpty(secret) ? null : secret,
            NonEmpty(read.String("SignIn:RoleClaim")) ?? "roles", NonEmpty(read.String("SignIn:NameClaim")) ?? "name", map, requireHttps);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
