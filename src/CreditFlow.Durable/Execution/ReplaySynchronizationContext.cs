namespace CreditFlow.Durable.Execution;

/// <summary>
/// Runs every continuation of orchestrator code on the thread that replays it, in the order
/// they were posted, so a replay is deterministic.
/// </summary>
internal sealed class ReplaySynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();

    public override void Post(SendOrPostCallback d, object? state) => _work.Enqueue((d, state));

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    /// <summary>Runs queued continuations until none is left.</summary>
    public void RunUntilIdle()
    {
        while (_work.TryDequeue(out var item))
        {
            item.Callback(item.State);
        }
    }
}
