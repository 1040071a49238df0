using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CreditFlow.ErpContract;

/// <summary>
/// The signature on every message between CreditFlow and the ERP, both ways: HMAC-SHA256 over
/// <c>"{timestamp}.{raw body}"</c> with a key both sides hold, sent as
/// <c>X-CreditFlow-Signature: sha256=&lt;hex&gt;</c> with the Unix seconds in <c>X-CreditFlow-Timestamp</c>.
/// The timestamp is signed, so a captured message cannot be replayed outside the window.
/// </summary>
/// <remarks>
/// <see cref="SignedText"/>, <see cref="HeaderValue"/> and <see cref="Read"/> are the format; the
/// CreditFlow host signs and verifies with its own signer over them. <see cref="Sign"/> and
/// <see cref="Verify"/> are the ERP side's reference (the stand-in, tests and the benchmark use them).
/// </remarks>
public static class ErpSignature
{
    /// <summary>Header with the Unix time in seconds.</summary>
    public const string TimestampHeader = "X-CreditFlow-Timestamp";

    /// <summary>Header with <c>sha256=&lt;hex&gt;</c>.</summary>
    public const string SignatureHeader = "X-CreditFlow-Signature";

    private const string Scheme = "sha256=";

    /// <summary>The bytes that are signed: <c>"{timestamp}.{body}"</c>.</summary>
    public static byte[] SignedText(long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return message;
    }

    /// <summary>The signature header's value for a MAC: <c>sha256=&lt;lower-case hex&gt;</c>.</summary>
    public static string HeaderValue(ReadOnlySpan<byte> mac) => Scheme + Convert.ToHexStringLower(mac);

    /// <summary>
    /// Reads a message's two headers: <see cref="SignatureCheck.Valid"/> (meaning: well-formed and in
    /// <paramref name="window"/> of now, either way) with the timestamp and the MAC presented, or why not.
    /// The MAC itself is the verifier's to check.
    /// </summary>
    public static SignatureCheck Read(string? timestamp, string? signature, DateTimeOffset now, TimeSpan window, out long seconds, out byte[] presented)
    {
        seconds = 0;
        presented = [];
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return SignatureCheck.Invalid;
        }

        var sent = seconds > 0 && seconds < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MinValue;
        if (sent == DateTimeOffset.MinValue || (now - sent).Duration() > window)
        {
            return SignatureCheck.Stale;
        }

        if (!signature.StartsWith(Scheme, StringComparison.Ordinal) || signature.Length != Scheme.Length + 64)
        {
            return SignatureCheck.Invalid;
        }

        try
        {
            presented = Convert.FromHexString(signature.AsSpan(Scheme.Length));
        }
        catch (FormatException)
        {
            return SignatureCheck.Invalid;
        }

        return SignatureCheck.Valid;
    }

    /// <summary>The signature header's value for <paramref name="body"/> sent at <paramref name="timestamp"/>, signed with <paramref name="key"/>.</summary>
    public static string Sign(string key, long timestamp, ReadOnlySpan<byte> body) => HeaderValue(Mac(key, SignedText(timestamp, body)));

    /// <summary>Checks a message: a well-formed timestamp within <paramref name="window"/> of now (either way) and a signature by any of <paramref name="keys"/>.</summary>
    public static SignatureCheck Verify(IReadOnlyList<string> keys, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var check = Read(timestamp, signature, now, window, out var seconds, out var presented);
        if (check != SignatureCheck.Valid)
        {
            return check;
        }

        var text = SignedText(seconds, body);
        var valid = false;
        foreach (var key in keys)
        {
            // Every key is tried, so the time taken does not tell which key (or none) matched.
            valid |= CryptographicOperations.FixedTimeEquals(Mac(key, text), presented);
        }

        return valid ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }

    private static byte[] Mac(string key, byte[] signedText) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), signedText);
}
