using CreditFlow.Host.Security;
using CreditFlow.Workflows.Dunning;
using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Receivables;

/// <summary>
/// The links in dunning letters, <c>{PublicBaseUrl}/pay/{token}</c>: the token is a <see cref="SignedValue"/> carrying
/// the customer id, the invoice id and the expiry (the letter's time plus <c>PaymentLinks__Lifetime</c>), MAC'd by
/// <see cref="PaymentLinkKeys"/>. Stateless; the page it opens changes nothing on GET, so a link may be opened any
/// number of times until it expires.
/// </summary>
internal sealed class PaymentLinks(PaymentLinkKeys keys, IOptions<PaymentLinkOptions> options, Uri publicBaseUrl) : IPaymentLinks
{
    // Far above a real token (~150 characters); stops oversized input before any work.
    private const int MaxTokenLength = 2048;

    // Kept with its trailing slash trimmed, so a base with a path ("https://x.example/credit/") keeps that path.
    private readonly string _base = publicBaseUrl.AbsoluteUri.TrimEnd('/');

    public Uri For(string customerId, string invoiceId, DateTimeOffset issuedAt) => new($"{_base}/pay/{Issue(customerId, invoiceId, issuedAt)}");

    /// <summary>The token for <paramref name="invoiceId"/> of <paramref name="customerId"/>, working from <paramref name="issuedAt"/> for the configured lifetime.</summary>
    public string Issue(string customerId, string invoiceId, DateTimeOffset issuedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(invoiceId);
        return SignedValue.Create(keys.Current, issuedAt + options.Value.Lifetime, customerId, invoiceId);
    }

    /// <summary>Checks <paramref name="token"/> at <paramref name="now"/>: shape, then the signature (constant time, either key while rotating), then expiry.</summary>
    public PaymentLinkCheck Check(string? token, DateTimeOffset now)
    {
        if (token is null || token.Length > MaxTokenLength || token.Split('.').Length != 4
            || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return new PaymentLinkCheck.Malformed();
        }

        // Read at the earliest instant: the signature is judged first, expiry after, so an expired link says so.
        var read = SignedValue.Read(keys.Current, token, DateTimeOffset.MinValue, fieldCount: 2)
            ?? (keys.Previous is { } previous ? SignedValue.Read(previous, token, DateTimeOffset.MinValue, fieldCount: 2) : null);
        if (read is not ([var customerId, var invoiceId], var expires) || customerId.Length == 0 || invoiceId.Length == 0)
        {
            return new PaymentLinkCheck.Tampered();
        }

        return now >= expires
            ? new PaymentLinkCheck.Expired(customerId, invoiceId, expires)
            : new PaymentLinkCheck.Valid(customerId, invoiceId, expires);
    }
}
