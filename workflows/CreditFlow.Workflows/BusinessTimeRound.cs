using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFlow.Workflows;

/// <summary>
/// Work a host does in rounds (overdue tasks reported, the nightly signals measured): first once the host has started,
/// then every interval. Waiting for the start lets the storage initializers create their tables first, so the first
/// round does not fail on a table that is a moment from existing. Rounds are paced in real time and each reads
/// business time, so a rehearsal's moved clock is seen at the next round. A round that fails (storage away) is logged
/// and the next one tries again.
/// </summary>
public abstract partial class BusinessTimeRound(TimeProvider clock, TimeSpan interval, IHostApplicationLifetime lifetime, ILogger logger)
    : BackgroundService
{
    /// <summary>What the round does, for the log, e.g. "escalating overdue tasks".</summary>
    protected abstract string What { get; }

    /// <summary>One round at business time <paramref name="now"/>.</summary>
    protected abstract Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            await lifetime.StartedAsync(stoppingToken);
            do
            {
                try
                {
                    await RunAsync(clock.GetUtcNow(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRoundFailed(logger, What, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "A round {What} failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, string what, Exception exception);
}
