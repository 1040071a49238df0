using CreditFlow.ErpContract;
using CreditFlow.Host.Security;
using CreditFlow.Workflows.OrderCheck;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Erp;

/// <summary>
/// Signs and verifies the messages exchanged with the ERP (<see cref="ErpSignature"/>'s format) with
/// the host's <see cref="Signer"/>, one per configured <c>Erp__SigningKeys</c> entry: any of them is
/// accepted on a webhook (two while rotating), the first signs callbacks.
/// </summary>
internal sealed class ErpMessageSigning(IOptions<ErpOptions> options)
{
    private IReadOnlyList<Signer>? _signers;

    private IReadOnlyList<Signer> Signers => _signers ??= options.Value.SigningKeys.Select(k => Signer.Shared(k, "erp-messages")).ToArray();

    /// <summary>False when no key is configured: every webhook is refused and no callback can be signed.</summary>
    public bool IsConfigured => Signers.Count > 0;

    /// <summary>Checks a webhook: well-formed headers, a timestamp within <c>Erp__SignatureWindow</c> of <paramref name="now"/>, a MAC by any configured key.</summary>
    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (!IsConfigured)
        {
            return SignatureCheck.Invalid;
        }

        var check = ErpSignature.Read(timestamp, signature, now, options.Value.SignatureWindow, out var seconds, out var presented);
        if (check != SignatureCheck.Valid)
        {
            return check;
        }

        var text = ErpSignature.SignedText(seconds, body);
        var valid = false;
        foreach (var signer in Signers)
        {
            // Every key is tried, so the time taken does not tell which key (or none) matched.
            valid |= signer.Verify(text, presented);
        }

        return valid ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }

    /// <summary>The signature header's value for a callback <paramref name="body"/> sent at <paramref name="timestamp"/>, by the first key.</summary>
    /// <exception cref="InvalidOperationException">No key is configured.</exception>
    public string Sign(long timestamp, ReadOnlySpan<byte> body) =>
        IsConfigured
            ? ErpSignature.HeaderValue(Signers[0].Sign(ErpSignature.SignedText(timestamp, body)))
            : throw new InvalidOperationException("Erp__SigningKeys__0 must be set to sign callbacks to the ERP.");
}
