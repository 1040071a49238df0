using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Warnings;

/// <summary>Runs <see cref="NightlySignals"/> every <see cref="WarningOptions.InternalSignalsInterval"/> (a day), first at start.</summary>
public sealed partial class NightlySignalRound(NightlySignals signals, TimeProvider clock, IOptions<WarningOptions> options, ILogger<NightlySignalRound> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Paced in real time; each round reads business time, so a rehearsal's moved clock is measured at the next round.
        using var timer = new PeriodicTimer(options.Value.InternalSignalsInterval);
        try
        {
            do
            {
                try
                {
                    LogRound(logger, await signals.MeasureAsync(clock.GetUtcNow(), stoppingToken));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Storage away: the next round tries again.
                    LogRoundFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 7401, Level = LogLevel.Information, Message = "Nightly signals measured: {Count} handed to warnings")]
    private static partial void LogRound(ILogger logger, int count);

    [LoggerMessage(EventId = 7402, Level = LogLevel.Warning, Message = "Measuring the nightly signals failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
