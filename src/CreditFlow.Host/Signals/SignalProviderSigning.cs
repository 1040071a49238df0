using System.Collections.Frozen;
using CreditFlow.ErpContract;
using CreditFlow.Host.Security;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Signals;

/// <summary>
/// Verifies the data providers' webhooks: the ERP's signature format (<see cref="ErpSignature"/>, HMAC-SHA256 over
/// <c>"{timestamp}.{raw body}"</c>) under the keys of the provider named in <see cref="ProviderHeader"/>, its signing key
/// and, while rotating, its previous one.
/// </summary>
internal sealed class SignalProviderSigning(IOptions<SignalOptions> options)
{
    /// <summary>Header naming the provider that signed the request, as configured under <c>Signals__Providers</c>.</summary>
    public const string ProviderHeader = "X-CreditFlow-Provider";

    private FrozenDictionary<string, Signer[]>? _signers;

    private FrozenDictionary<string, Signer[]> Signers => _signers ??= options.Value.Providers.ToFrozenDictionary(
        p => p.Key.ToLowerInvariant(),
        p => PartnerSignature.Signers(p.Value.SigningKey, p.Value.PreviousSigningKey, "signal-provider-" + p.Key.ToLowerInvariant()));

    /// <summary>The window a timestamp must fall in.</summary>
    public TimeSpan Window => options.Value.SignatureWindow;

    /// <summary>The configured provider <paramref name="presented"/> names (any case), as it is stored: lower-case; null when none.</summary>
    public string? Provider(string? presented) =>
        presented is { Length: > 0 } && Signers.ContainsKey(presented.ToLowerInvariant()) ? presented.ToLowerInvariant() : null;

    /// <summary>Checks a webhook of <paramref name="provider"/> (see <see cref="Provider"/>): well-formed headers, a timestamp within the window of <paramref name="now"/>, a MAC by one of its keys.</summary>
    public SignatureCheck Verify(string provider, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now) =>
        Signers.TryGetValue(provider, out var signers)
            ? PartnerSignature.Verify(signers, timestamp, signature, body, now, Window)
            : SignatureCheck.Invalid;
}
