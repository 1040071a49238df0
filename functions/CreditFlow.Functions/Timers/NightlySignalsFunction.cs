using CreditFlow.Workflows.Warnings;
using Microsoft.Azure.Functions.Worker;

namespace CreditFlow.Functions.Timers;

/// <summary>
/// The host measures the signals computed from our own data once a day from its background round; a function app may
/// have no instance running, so here it is a timer, at 02:00 UTC (10:00 in China, after the night's dunning steps).
/// </summary>
public sealed class NightlySignalsFunction(NightlySignals signals, TimeProvider clock)
{
    /// <summary>Daily at 02:00 UTC.</summary>
    public const string Schedule = "0 0 2 * * *";

    [Function("MeasureNightlySignals")]
    public Task MeasureNightlySignals([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        signals.MeasureAsync(clock.GetUtcNow(), cancellationToken);
}
