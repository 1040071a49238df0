using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Warnings;

/// <summary>Runs <see cref="NightlySignals"/> every <see cref="WarningOptions.InternalSignalsInterval"/> (a day) on business time.</summary>
public sealed partial class NightlySignalRound(NightlySignals signals, TimeProvider clock, IOptions<WarningOptions> options,
    IHostApplicationLifetime lifetime, ILogger<NightlySignalRound> logger)
    : BusinessTimeRound(clock, options.Value.InternalSignalsInterval, lifetime, logger)
{
    /// <inheritdoc />
    protected override string What => "measuring the nightly signals";

    /// <inheritdoc />
    protected override async Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        LogMeasured(logger, await signals.MeasureAsync(now, cancellationToken));

    [LoggerMessage(EventId = 7401, Level = LogLevel.Information, Message = "Nightly signals measured: {Count} handed to warnings")]
    private static partial void LogMeasured(ILogger logger, int count);
}
