using System.Text;

namespace CreditFlow.Host.Security;

/// <summary>
/// The signers of the customers' payment links (<c>/pay/{token}</c>), from <c>PaymentLinks__SigningKey</c>: a key of
/// their own, so a payment link never passes as an approval link or a session, nor the other way round. Without the
/// setting the key is random, so links end when the process stops (acceptable locally; production sets one).
/// </summary>
/// <remarks>
/// Rotation as with <see cref="SigningKeys"/>: the new key signs, the previous one (<c>PaymentLinks__PreviousSigningKey</c>)
/// still verifies, so letters already mailed keep working until their links expire.
/// </remarks>
internal sealed class PaymentLinkKeys
{
    private const string Purpose = "creditflow-payment-link-v1";
    private const string Label = "pay";

    /// <summary>Keys from <paramref name="secret"/> (null or empty: random), and from the key it replaces while rotating.</summary>
    public PaymentLinkKeys(string? secret, string? previousSecret = null)
    {
        Current = (secret is { Length: > 0 } ? Signer.Derived(Encoding.UTF8.GetBytes(secret), Purpose) : Signer.Random(Purpose)).WithLabel(Label);
        Previous = previousSecret is { Length: > 0 } ? Signer.Derived(Encoding.UTF8.GetBytes(previousSecret), Purpose).WithLabel(Label) : null;
    }

    /// <summary>Signs and verifies payment links.</summary>
    public Signer Current { get; }

    /// <summary>While rotating: verifies links signed before (never signs); null otherwise.</summary>
    public Signer? Previous { get; }
}
