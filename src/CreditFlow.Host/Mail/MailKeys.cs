using System.Security.Cryptography;
using System.Text;

namespace CreditFlow.Host.Mail;

/// <summary>Blob names derived from idempotency keys.</summary>
internal static class MailKeys
{
    /// <summary>
    /// A hash, not the key itself: keys may hold characters or lengths blob names do not allow,
    /// and the same key always lands on the same blob.
    /// </summary>
    public static string BlobName(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey))) + ".json";
    }
}
