using Microsoft.Extensions.Hosting;

namespace CreditFlow.Workflows;

/// <summary>Waiting for the host to have started: every hosted service's start-up (tables created, worker running) done.</summary>
public static class HostStart
{
    /// <summary>Completes once <paramref name="lifetime"/> reports the host started; cancelled with <paramref name="cancellationToken"/>.</summary>
    public static async Task StartedAsync(this IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
    }
}
