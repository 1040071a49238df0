using System.Security.Cryptography;
using System.Text;

namespace CreditFlow.Host.Approvals;

/// <summary>The HMAC-SHA256 key approval tokens are signed with.</summary>
internal sealed class ApprovalSigningKey
{
    private ApprovalSigningKey(byte[] key) => Key = key;

    internal byte[] Key { get; }

    /// <summary>
    /// The configured <c>Approvals:SigningKey</c>, or a random key when none is set: links then stop
    /// working when the process restarts, which is acceptable locally and why production sets one.
    /// </summary>
    public static ApprovalSigningKey From(string? configured) =>
        // Hashing with a purpose label keeps these signatures distinct from any other use of the same secret.
        new(configured is { Length: > 0 }
            ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(configured), "creditflow-approval-token-v1"u8)
            : RandomNumberGenerator.GetBytes(32));
}
