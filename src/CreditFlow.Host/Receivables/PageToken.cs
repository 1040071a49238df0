using System.Buffers.Text;
using System.Text;

namespace CreditFlow.Host.Receivables;

/// <summary>
/// The continuation of an invoice page as the API gives it: storage's own continuation, base64url-encoded so it travels in
/// a query string untouched. Reading one back checks its form, so a made-up value is a 400 rather than a storage error.
/// </summary>
internal static class PageToken
{
    private const int MaxLength = 4096;

    public static string? Write(string? storageContinuation) =>
        storageContinuation is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(storageContinuation));

    /// <summary>Storage's continuation, when <paramref name="token"/> is one this API gave: storage's next partition and row markers, printable ASCII separated by one space.</summary>
    public static bool TryRead(string token, out string? storageContinuation)
    {
        storageContinuation = null;
        if (token.Length > MaxLength || !Base64Url.IsValid(token))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || text.IndexOf(' ', space + 1) >= 0 || text.Any(c => c is < ' ' or > '~'))
        {
            return false;
        }

        storageContinuation = text;
        return true;
    }
}
