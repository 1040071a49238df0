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
        p => new[] { p.Value.SigningKey, p.Value.PreviousSigningKey }.OfType<string>().Where(k => k.Length > 0)
            .Select(k => Signer.Shared(k, "signal-provider-" + p.Key.ToLowerInvariant())).ToArray());

    /// <summary>The window a timestamp must fall in.</summary>
    public TimeSpan Window => options.Value.SignatureWindow;

    /// <summary>The configured provider <paramref name="presented"/> names (any case), as it is stored: lower-case; null when none.</summary>
    public string? Provider(string? presented) =>
        presented is { Length: > 0 } && Signers.ContainsKey(presented.ToLowerInvariant()) ? presented.ToLowerInvariant() : null;

    /// <summary>Checks a webhook of <paramref name="provider"/> (see <see cref="Provider"/>): well-formed headers, a timestamp within the window of <paramref name="now"/>, a MAC by one of its keys.</summary>
    public SignatureCheck Verify(string provider, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (!Signers.TryGetValue(provider, out var signers))
        {
            return SignatureCheck.Invalid;
        }

        var check = ErpSignature.Read(timestamp, signature, now, Window, out var seconds, out var presented);
        if (check != SignatureCheck.Valid)
        {
            return check;
        }

        var text = ErpSignature.SignedText(seconds, body);
        var valid = false;
        foreach (var signer in signers)
        {
            // Both keys are tried, so the time taken does not tell which one (or none) matched.
            valid |= signer.Verify(text, presented);
        }

        return valid ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }
}
