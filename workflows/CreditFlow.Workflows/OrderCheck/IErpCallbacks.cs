namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// The way back to the ERP, which the host implements (signed like the webhooks, idempotent by the hold
/// id), as it implements mail: workflows decide what to tell the ERP, the host speaks HTTP.
/// </summary>
public interface IErpCallbacks
{
    /// <summary>Sends <paramref name="callback"/> to the ERP; throws when the ERP did not take it, and the caller retries later.</summary>
    /// <returns>False when no way back to the ERP is configured, so nothing was sent.</returns>
    Task<bool> SendAsync(ErpCallback callback, CancellationToken cancellationToken);
}
