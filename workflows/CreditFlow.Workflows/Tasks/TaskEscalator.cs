using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CreditFlow.Workflows.Dunning;

namespace CreditFlow.Workflows.Tasks;

/// <summary>Runs <see cref="TaskEscalations"/> every <see cref="DunningOptions.TaskEscalationInterval"/> on business time.</summary>
public sealed partial class TaskEscalator(TaskEscalations escalations, TimeProvider clock, IOptions<DunningOptions> options, ILogger<TaskEscalator> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Paced in real time; each round reads business time, so a rehearsal's moved clock is seen at the next round.
        using var timer = new PeriodicTimer(options.Value.TaskEscalationInterval);
        try
        {
            do
            {
                try
                {
                    await escalations.EscalateAsync(clock.GetUtcNow(), stoppingToken);
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

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Escalating overdue tasks failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
