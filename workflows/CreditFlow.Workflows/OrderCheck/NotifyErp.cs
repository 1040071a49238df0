using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// Activity: tells the ERP how a hold ended (<see cref="IErpCallbacks"/>, with the hold id as
/// <c>Idempotency-Key</c> so the ERP can drop repeats). When the ERP does not take it the activity
/// throws, and the workflow's retry policy tries again later.
/// </summary>
public sealed class NotifyErp(IErpCallbacks callbacks) : TaskActivity<ErpCallback, bool>
{
    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, ErpCallback input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return callbacks.SendAsync(input, CancellationToken.None);
    }
}
