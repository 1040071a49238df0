using Azure.Core;
using Azure.Core.Pipeline;

namespace CreditFlow.Storage.Orders;

/// <summary>
/// Counts the requests the customer ledger sends to storage (retries included): the cost figure
/// of the order check that machine noise does not change, read by the benchmark.
/// </summary>
public sealed class StorageRequestTally : HttpPipelineSynchronousPolicy
{
    private long _total;

    /// <summary>Requests sent since start.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _total);
}
