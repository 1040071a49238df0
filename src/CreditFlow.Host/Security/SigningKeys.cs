using System.Text;
using CreditFlow.Host.Configuration;

namespace CreditFlow.Host.Security;

/// <summary>
/// The signers made from <c>Approvals__SigningKey</c>: approval links, and the credit users' sessions
/// (a key derived from the links' key). Without the setting the key is random, so links and sessions
/// end when the process stops, which is acceptable locally and why production sets one.
/// </summary>
internal sealed class SigningKeys
{
    /// <summary>Keys from <paramref name="approvalSecret"/> (null or empty: random).</summary>
    public SigningKeys(string? approvalSecret)
    {
        ApprovalLinks = approvalSecret is { Length: > 0 }
            ? Signer.Derived(Encoding.UTF8.GetBytes(approvalSecret), "creditflow-approval-token-v1")
            : Signer.Random("creditflow-approval-token-v1");
        CreditSessions = ApprovalLinks.Derive("creditflow-credit-session-v1");
    }

    /// <summary>Signs the tokens in approval links.</summary>
    public Signer ApprovalLinks { get; }

    /// <summary>Signs the credit users' session cookies (each labelled with its API key, see <see cref="CreditSessions"/>).</summary>
    public Signer CreditSessions { get; }

    /// <summary>The keys of the configured settings.</summary>
    public static SigningKeys From(CreditFlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SigningKeys(settings.ApprovalSigningKey);
    }
}
