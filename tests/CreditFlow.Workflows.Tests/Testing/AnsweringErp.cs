using System.Collections.Concurrent;
using CreditFlow.Workflows.OrderCheck;

namespace CreditFlow.Workflows.Tests.Testing;

/// <summary>The ERP, which we cannot run here: it takes every callback (2xx) and keeps them.</summary>
internal sealed class AnsweringErp : IErpCallbacks
{
    public ConcurrentQueue<ErpCallback> Received { get; } = new();

    public Task<bool> SendAsync(ErpCallback callback, CancellationToken cancellationToken)
    {
        Received.Enqueue(callback);
        return Task.FromResult(true);
    }
}
