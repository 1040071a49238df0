namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// The way back to the ERP, which the host implements (signed like the webhooks, idempotent by the hold
/// id), as it implements mail: workflows decide what to tell the ERP, the host speaks HTTP.
/// </summary>
public interface IErpCallbacks
{
    /// <summary>Posts <paramref name="callback"/> to the ERP's callback URL.</summary>
    /// <returns>False when no callback URL is configured, so nothing was sent.</returns>
    /// <exception cref="HttpRequestException">The ERP did not take it (anything but 2xx); the caller retries later.</exception>
    Task<bool> SendAsync(ErpCallback callback, CancellationToken cancellationToken);
}
