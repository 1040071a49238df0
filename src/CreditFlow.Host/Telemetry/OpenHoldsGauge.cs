using System.Diagnostics.Metrics;
using CreditFlow.Storage.Orders;
using CreditFlow.Workflows.Telemetry;

namespace CreditFlow.Host.Telemetry;

/// <summary>
/// <c>creditflow.holds.open</c>: the open holds as the worklist counts them, read at most once a minute
/// and only while a metrics exporter listens, so the figure is the truth (not this process's share of
/// it) at the price of one key-only query a minute.
/// </summary>
/// <remarks>Every process reports the same figure: aggregate it across instances with max, not sum.</remarks>
internal sealed partial class OpenHoldsGauge : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    private readonly HoldRepository _holds;
    private readonly ILogger<OpenHoldsGauge> _logger;
    private readonly ObservableGauge<long> _gauge;
    private long? _open;

    public OpenHoldsGauge(HoldRepository holds, IMeterFactory meters, ILogger<OpenHoldsGauge> logger)
    {
        _holds = holds;
        _logger = logger;
        _gauge = meters.Create(CreditFlowTelemetry.Name).CreateObservableGauge(
            "creditflow.holds.open", Observe, "{hold}", "Held orders and shipments not yet released or rejected, as the worklist counts them (the same in every process).");
    }

    private IEnumerable<Measurement<long>> Observe() => _open is { } open ? [new Measurement<long>(open)] : [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh);
        try
        {
            do
            {
                if (_gauge.Enabled)
                {
                    await CountAsync(stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CountAsync(CancellationToken stoppingToken)
    {
        try
        {
            _open = await _holds.CountOpenAsync(stoppingToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            _open = 0; // the worklist's table is created at start: until then there is nothing held
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
        {
            LogCountFailed(_logger, e);
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Could not count the open holds for the holds-open metric; trying again in a minute")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}
