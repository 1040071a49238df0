using CreditFlow.Workflows.OrderCheck;
using Microsoft.Azure.Functions.Worker;

namespace CreditFlow.Functions.Timers;

/// <summary>
/// The periodic work of the host as timer functions. The host sweeps unstarted holds every
/// <c>OrderCheck__HoldSweepInterval</c> (1 minute) from its hold starter; a function app may have no instance running
/// between requests, so the sweep is a timer here. Public: the Functions runtime finds functions on public types only.
/// </summary>
public sealed class HoldSweepFunction(HoldStarter holds)
{
    /// <summary>Every minute, as the host's default interval.</summary>
    public const string Schedule = "0 */1 * * * *";

    [Function("SweepUnstartedHolds")]
    public Task SweepUnstartedHolds([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) => holds.SweepAsync(cancellationToken);
}
