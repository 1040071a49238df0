using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// The signature on every message between CreditFlow and the ERP, both ways: HMAC-SHA256 over
/// <c>"{timestamp}.{raw body}"</c>, sent as <c>X-CreditFlow-Signature: sha256=&lt;hex&gt;</c> with the Unix
/// seconds in <c>X-CreditFlow-Timestamp</c>. The timestamp is signed, so a captured message cannot be
/// replayed outside the window.
/// </summary>
public static class ErpSignature
{
    /// <summary>Header with the Unix time in seconds.</summary>
    public const string TimestampHeader = "X-CreditFlow-Timestamp";

    /// <summary>Header with <c>sha256=&lt;hex&gt;</c>.</summary>
    public const string SignatureHeader = "X-CreditFlow-Signature";

    private const string Scheme = "sha256=";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string key, long timestamp, ReadOnlySpan<byte> body) => Scheme + Convert.ToHexStringLower(Mac(key, timestamp, body));

    /// <summary>Checks a message: a well-formed timestamp within <paramref name="window"/> of now (either way) and a signature by any of <paramref name="keys"/>.</summary>
    public static SignatureCheck Verify(IReadOnlyList<string> keys, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
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

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signature.AsSpan(Scheme.Length));
        }
        catch (FormatException)
        {
            return SignatureCheck.Invalid;
        }

        var valid = false;
        foreach (var key in keys)
        {
            // Every key is tried, so the time taken does not tell which key (or none) matched.
            valid |= CryptographicOperations.FixedTimeEquals(Mac(key, seconds, body), presented);
        }

        return valid ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }

    private static byte[] Mac(string key, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message);
    }
}

/// <summary>The result of <see cref="ErpSignature.Verify"/>.</summary>
public enum SignatureCheck
{
    /// <summary>Signed by a configured key, in the window.</summary>
    Valid,

    /// <summary>A header is missing.</summary>
    Missing,

    /// <summary>The signature does not match any key, or a header is malformed.</summary>
    Invalid,

    /// <summary>The timestamp is outside the window.</summary>
    Stale,
}
