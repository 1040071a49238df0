namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// The ERP connection (section <c>Erp</c>): signing keys both ways, the replay window, the
/// callback URL and how a callback is retried until the ERP answers 2xx.
/// </summary>
public sealed class ErpOptions
{
    /// <summary>Keys accepted on webhooks; the first signs callbacks. Two while rotating.</summary>
    public IReadOnlyList<string> SigningKeys { get; set; } = [];

    /// <summary>Where hold outcomes are posted; null: no callback.</summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>How far a webhook's timestamp may be from now, either way (<c>Erp__SignatureWindow</c>, default 5 minutes).</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts of a callback in all (<c>Erp__CallbackMaxAttempts</c>); the default, with the waits below, keeps trying for about a week.</summary>
    public int CallbackMaxAttempts { get; set; } = 200;

    /// <summary>Wait before the first retry (<c>Erp__CallbackFirstRetry</c>); it doubles up to <see cref="CallbackMaxRetryInterval"/>.</summary>
    public TimeSpan CallbackFirstRetry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between two attempts (<c>Erp__CallbackMaxRetryInterval</c>).</summary>
    public TimeSpan CallbackMaxRetryInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Time allowed for one callback request (<c>Erp__CallbackTimeout</c>).</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
