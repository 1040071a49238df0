namespace CreditFlow.Host.Receivables;

/// <summary>What a payment link's token turned out to be, checked in order: shape, signature, expiry.</summary>
/// <remarks>Public because the payment refusal page, a Razor component (always public), takes it as a parameter.</remarks>
public abstract record PaymentLinkCheck
{
    private PaymentLinkCheck()
    {
    }

    /// <summary>Not a payment link's token at all (cut short, damaged).</summary>
    public sealed record Malformed : PaymentLinkCheck;

    /// <summary>Token-shaped, but not signed by this CreditFlow's key: changed after it was sent, or forged.</summary>
    public sealed record Tampered : PaymentLinkCheck;

    /// <summary>Genuine, and past its expiry.</summary>
    public sealed record Expired(string CustomerId, string InvoiceId, DateTimeOffset ExpiresAt) : PaymentLinkCheck;

    /// <summary>Genuine and unexpired: it speaks for <paramref name="InvoiceId"/> of <paramref name="CustomerId"/>, and for nothing else.</summary>
    public sealed record Valid(string CustomerId, string InvoiceId, DateTimeOffset ExpiresAt) : PaymentLinkCheck;
}
