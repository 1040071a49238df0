using Microsoft.Extensions.Options;

namespace CreditFlow.Host.Workspace.Dashboard;

/// <summary>
/// Brings the receivables summaries up to date in the background (<see cref="ReceivableSummaries"/>), every
/// <see cref="DashboardOptions.SummaryIntervalSeconds"/> and at once again while changes are left, so that a dashboard
/// request finds little or nothing to summarise first.
/// </summary>
internal sealed partial class ReceivableSummaryUpdates(
    ReceivableSummaries summaries, IOptions<DashboardOptions> options, TimeProvider clock, ILogger<ReceivableSummaryUpdates> logger) : BackgroundService
{
    /// <summary>
    /// Customers summarised in one go, before looking whether the host is stopping: small, because a dashboard request
    /// waits for the go under way before its own catch-up.
    /// </summary>
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first round waits an interval too: the tables are still being created at start.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SummaryIntervalSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    while (await summaries.UpdateInBackgroundAsync(Batch, stoppingToken))
                    {
                    }
                }
                catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
                {
                    LogUpdateFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 9302, Level = LogLevel.Warning, Message = "Could not bring the receivables summaries up to date; trying again at the next interval")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception);
}
