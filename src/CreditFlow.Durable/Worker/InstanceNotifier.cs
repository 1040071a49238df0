using System.Collections.Concurrent;

namespace CreditFlow.Durable.Worker;

/// <summary>Wakes local waiters (the client's wait-for-completion) when an instance commits a change.</summary>
internal sealed class InstanceNotifier
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new();

    /// <summary>A task that completes at the instance's next committed change.</summary>
    public Task NextChangeAsync(string instanceId) =>
        _waiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Changed(string instanceId)
    {
        if (_waiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
