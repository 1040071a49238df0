using CreditFlow.ErpContract;

namespace CreditFlow.Host.Security;

/// <summary>
/// A partner's signature on the ERP's scheme (<see cref="ErpSignature"/>: HMAC-SHA256 over <c>"{timestamp}.{raw body}"</c>)
/// under the partner's own key and, while rotating, its previous one: what data providers and collection agencies sign with.
/// </summary>
internal static class PartnerSignature
{
    /// <summary>The signers of a partner's current and previous key (blank ones left out), the current first.</summary>
    public static Signer[] Signers(string? signingKey, string? previousSigningKey, string purpose) =>
        new[] { signingKey, previousSigningKey }.OfType<string>().Where(k => k.Length > 0).Select(k => Signer.Shared(k, purpose)).ToArray();

    /// <summary>Checks well-formed headers, a timestamp within <paramref name="window"/> of <paramref name="now"/>, and a MAC by one of <paramref name="signers"/>.</summary>
    public static SignatureCheck Verify(IReadOnlyList<Signer> signers, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan window)
    {
        var check = ErpSignature.Read(timestamp, signature, now, window, out var seconds, out var presented);
        if (check != SignatureCheck.Valid)
        {
            return check;
        }

        var text = ErpSignature.SignedText(seconds, body);
        var valid = false;
        foreach (var signer in signers)
        {
            // Every key is tried, so the time taken does not tell which one (or none) matched.
            valid |= signer.Verify(text, presented);
        }

        return valid ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }
}
