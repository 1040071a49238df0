using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Storage;

/// <summary>
/// Creates tables and containers at start-up so no request pays for it; when storage does not answer
/// within a few seconds, start-up goes on and creation is retried in the background: a host must
/// start (and answer its health probes) while storage is down, and become ready when it comes up.
/// </summary>
internal sealed class StorageInitializer(string what, Func<CancellationToken, Task> create, ILogger<StorageInitializer>? logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstAttemptTimeout = TimeSpan.FromSeconds(3);

    private bool _created;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        using var firstAttempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        firstAttempt.CancelAfter(FirstAttemptTimeout);
        try
        {
            await create(firstAttempt.Token);
            _created = true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger?.LogWarning(e, "Creating {What} at start-up failed; retrying in the background.", what);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!_created)
        {
            try
            {
                await create(stoppingToken);
                _created = true;
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger?.LogWarning(e, "Creating {What} failed; retrying in {Delay}.", what, delay);
            }

            // Real time, not the business clock: this waits for the storage service, like a transport retry.
            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }
}
