using System.Security.Cryptography;
using System.Text;

namespace CreditFlow.Host.Security;

/// <summary>
/// The host's one HMAC-SHA256 signer. Each instance serves one purpose — approval links, the admin
/// session, the credit users' sessions, the ERP's messages — so what is signed for one purpose never
/// verifies for another: the purpose is either in the key (derived from the secret under the purpose's
/// label) or written before every message (<c>"label:"</c>); the ERP's keys are shared with the ERP
/// and used for nothing else, in the format its contract fixes. Comparisons take constant time.
/// </summary>
/// <remarks>
/// The wire formats are the ones each purpose had before they shared this signer, so approval links
/// already mailed and sessions already open stay valid.
/// </remarks>
internal sealed class Signer
{
    private readonly byte[] _key;
    private readonly byte[] _label;

    private Signer(string purpose, byte[] key, byte[] label)
    {
        Purpose = purpose;
        _key = key;
        _label = label;
    }

    /// <summary>What this signer signs, e.g. <c>creditflow-approval-token-v1</c>.</summary>
    public string Purpose { get; }

    /// <summary>A signer whose key is derived from <paramref name="secret"/> for <paramref name="purpose"/>: HMAC(secret, purpose).</summary>
    public static Signer Derived(ReadOnlySpan<byte> secret, string purpose) =>
        new(purpose, HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(purpose)), []);

    /// <summary>A signer with a random key: what it signs is valid only in this process, until it stops.</summary>
    public static Signer Random(string purpose) => new(purpose, RandomNumberGenerator.GetBytes(32), []);

    /// <summary>A signer over <paramref name="key"/> as it is that writes <c>"{label}:"</c> before every message.</summary>
    public static Signer Labelled(byte[] key, string label) => new(label, key, Encoding.UTF8.GetBytes(label + ":"));

    /// <summary>A signer over a secret shared with another party for one purpose; the messages are as its contract says.</summary>
    public static Signer Shared(string secret, string purpose) => new(purpose, Encoding.UTF8.GetBytes(secret), []);

    /// <summary>A signer with a key of its own for <paramref name="purpose"/>, derived from this one's.</summary>
    public Signer Derive(string purpose) => Derived(_key, purpose);

    /// <summary>This key for one kind of value among its purpose's: <c>"{label}:"</c> before every message.</summary>
    public Signer WithLabel(string label) => Labelled(_key, label);

    /// <summary>The MAC of <paramref name="message"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        if (_label.Length == 0)
        {
            return HMACSHA256.HashData(_key, message);
        }

        var labelled = new byte[_label.Length + message.Length];
        _label.CopyTo(labelled, 0);
        message.CopyTo(labelled.AsSpan(_label.Length));
        return HMACSHA256.HashData(_key, labelled);
    }

    /// <summary>True when <paramref name="presented"/> is the MAC of <paramref name="message"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> presented) => CryptographicOperations.FixedTimeEquals(Sign(message), presented);

    /// <summary>
    /// Compares a signature as the text it is sent as, in constant time: for encodings with spare bits
    /// (base64url), a signature with them flipped decodes to the same bytes and must still not pass.
    /// </summary>
    public static bool SameText(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented));
}
