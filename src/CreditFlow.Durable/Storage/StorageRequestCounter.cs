using Azure.Core;
using Azure.Core.Pipeline;

namespace CreditFlow.Durable.Storage;

/// <summary>
/// Counts every request the runtime sends to storage: the one cost figure that machine noise
/// does not change. Attached to every storage client of a task hub.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _total;

    /// <summary>Requests sent since creation (retries included).</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _total);
}
