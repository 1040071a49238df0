using CreditFlow.Workflows.Dunning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFlow.Workflows.Tasks;

/// <summary>Runs <see cref="TaskEscalations"/> every <see cref="DunningOptions.TaskEscalationInterval"/> on business time.</summary>
public sealed class TaskEscalator(TaskEscalations escalations, TimeProvider clock, IOptions<DunningOptions> options,
    IHostApplicationLifetime lifetime, ILogger<TaskEscalator> logger)
    : BusinessTimeRound(clock, options.Value.TaskEscalationInterval, lifetime, logger)
{
    /// <inheritdoc />
    protected override string What => "escalating overdue tasks";

    /// <inheritdoc />
    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => escalations.EscalateAsync(now, cancellationToken);
}
