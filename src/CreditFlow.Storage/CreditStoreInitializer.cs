using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Storage;

/// <summary>
/// Creates the tables and container in the background, retrying until storage answers: a host
/// must start (and answer its health probes) while storage is still down, and become ready when it
/// comes up, rather than die at start-up.
/// </summary>
internal sealed class CreditStoreInitializer(CreditStore store, ILogger<CreditStoreInitializer>? logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                await store.EnsureCreatedAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger?.LogWarning(e, "Creating the credit tables failed; retrying in {Delay}.", delay);
            }

            // Real time, not the business clock: this waits for the storage service, like a transport retry.
            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }
}
