using CreditFlow.Domain.Roles;

namespace CreditFlow.Workflows.Approvals;

/// <summary>
/// Who receives approval mails for each role (section <c>Approvers</c>, e.g.
/// <c>Approvers__CreditOfficer=officer@example.com</c>). A role without an address uses
/// <c>&lt;role&gt;@creditflow.local</c>, which the local outbox shows.
/// </summary>
public sealed class ApproverDirectory
{
    /// <summary>Mail address per role name.</summary>
    public Dictionary<string, string> Addresses { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The address that approves for <paramref name="role"/>.</summary>
    public string AddressOf(CreditRole role) =>
        Addresses.TryGetValue(role.ToString(), out var address) && !string.IsNullOrWhiteSpace(address)
            ? address
            : $"{ToKebab(role)}@creditflow.local";

    private static string ToKebab(CreditRole role) =>
        string.Concat(role.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
