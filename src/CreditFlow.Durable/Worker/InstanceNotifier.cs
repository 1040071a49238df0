using Microsoft.DurableTask.Client;

namespace CreditFlow.Durable.Worker;

/// <summary>
/// Tells local waiters (the client's wait-for-start and wait-for-completion) about each committed
/// change, with the committed status, so they need not read storage again.
/// </summary>
internal sealed class InstanceNotifier
{
    private readonly Dictionary<string, Watch> _watches = [];
    private readonly Lock _gate = new();

    /// <summary>Starts watching an instance; dispose the watch when done.</summary>
    public Watch Observe(string instanceId)
    {
        lock (_gate)
        {
            if (!_watches.TryGetValue(instanceId, out var watch))
            {
                _watches[instanceId] = watch = new Watch(this, instanceId);
            }

            watch.Observers++;
            return watch;
        }
    }

    /// <summary>Publishes a committed change; ignored unless someone watches the instance.</summary>
    public void Changed(string instanceId, Func<OrchestrationMetadata> snapshot)
    {
        lock (_gate)
        {
            if (_watches.TryGetValue(instanceId, out var watch))
            {
                watch.Publish(snapshot());
            }
        }
    }

    private void Release(Watch watch)
    {
        lock (_gate)
        {
            if (--watch.Observers == 0)
            {
                _watches.Remove(watch.InstanceId);
            }
        }
    }

    /// <summary>The committed changes of one instance, as a sequence a waiter can follow without missing one.</summary>
    internal sealed class Watch(InstanceNotifier owner, string instanceId) : IDisposable
    {
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string InstanceId { get; } = instanceId;

        public int Observers { get; set; }

        public long Version { get; private set; }

        public OrchestrationMetadata? Latest { get; private set; }

        /// <summary>Completes when a change newer than <paramref name="version"/> is published.</summary>
        public Task ChangedAfter(long version)
        {
            lock (owner._gate)
            {
                return Version > version ? Task.CompletedTask : _next.Task;
            }
        }

        public void Publish(OrchestrationMetadata snapshot)
        {
            Version++;
            Latest = snapshot;
            var completed = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            completed.TrySetResult();
        }

        public void Dispose() => owner.Release(this);
    }
}
