using CreditFlow.Workflows.Tasks;
using Microsoft.Azure.Functions.Worker;

namespace CreditFlow.Functions.Timers;

/// <summary>
/// The host reports overdue tasks for people every <c>Dunning__TaskEscalationInterval</c> (15 minutes) from its
/// escalator; a function app may have no instance running between requests, so here it is a timer.
/// </summary>
public sealed class TaskEscalationFunction(TaskEscalations escalations, TimeProvider clock)
{
    /// <summary>Every 15 minutes, as the host's default interval.</summary>
    public const string Schedule = "0 */15 * * * *";

    [Function("EscalateOverdueTasks")]
    public Task EscalateOverdueTasks([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        escalations.EscalateAsync(clock.GetUtcNow(), cancellationToken);
}
