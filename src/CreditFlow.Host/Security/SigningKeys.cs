using System.Text;
using CreditFlow.Host.Configuration;

namespace CreditFlow.Host.Security;

/// <summary>
/// The signers made from <c>Approvals__SigningKey</c>: approval links, and the credit users' sessions
/// (a key derived from the links' key). Without the setting the key is random, so links and sessions
/// end when the process stops, which is acceptable locally and why production sets one.
/// </summary>
/// <remarks>
/// Rotation: the new key signs, and the previous one (<c>Approvals__PreviousSigningKey</c>) still
/// verifies, so links already mailed and sessions already open stay valid until they expire.
/// </remarks>
internal sealed class SigningKeys
{
    /// <summary>Keys from <paramref name="approvalSecret"/> (null or empty: random), and from the key it replaces while rotating.</summary>
    public SigningKeys(string? approvalSecret, string? previousSecret = null)
    {
        ApprovalLinks = approvalSecret is { Length: > 0 }
            ? Signer.Derived(Encoding.UTF8.GetBytes(approvalSecret), "creditflow-approval-token-v1")
            : Signer.Random("creditflow-approval-token-v1");
        CreditSessions = ApprovalLinks.Derive("creditflow-credit-session-v1");
        if (previousSecret is { Length: > 0 })
        {
            PreviousApprovalLinks = Signer.Derived(Encoding.UTF8.GetBytes(previousSecret), "creditflow-approval-token-v1");
            PreviousCreditSessions = PreviousApprovalLinks.Derive("creditflow-credit-session-v1");
        }
    }

    /// <summary>While rotating: verifies approval links signed before (never signs); null otherwise.</summary>
    public Signer? PreviousApprovalLinks { get; }

    /// <summary>While rotating: verifies credit sessions opened before (never signs); null otherwise.</summary>
    public Signer? PreviousCreditSessions { get; }

    /// <summary>Signs the tokens in approval links.</summary>
    public Signer ApprovalLinks { get; }

    /// <summary>Signs the credit users' session cookies (each labelled with its API key, see <see cref="CreditSessions"/>).</summary>
    public Signer CreditSessions { get; }

    /// <summary>The keys of the configured settings.</summary>
    public static SigningKeys From(CreditFlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SigningKeys(settings.ApprovalSigningKey, settings.PreviousApprovalSigningKey);
    }
}
