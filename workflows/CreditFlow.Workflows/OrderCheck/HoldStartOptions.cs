using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// How held orders get their workflow (section <c>OrderCheck</c>): the webhook answers at once and a
/// background starter starts the hold; a sweep starts what a crash left behind.
/// </summary>
public sealed class HoldStartOptions
{
    /// <summary>How often the worklist is swept for holds whose workflow never started (<c>OrderCheck__HoldSweepInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "OrderCheck__HoldSweepInterval must be from 00:00:01 to 1.00:00:00.")]
    public TimeSpan HoldSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How old an unstarted hold must be before the sweep takes it (<c>OrderCheck__HoldSweepGrace</c>):
    /// longer than a webhook call takes, so the sweep does not race the request that is still committing it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "OrderCheck__HoldSweepGrace must be from 00:00:01 to 01:00:00.")]
    public TimeSpan HoldSweepGrace { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Holds started at once by this process (<c>OrderCheck__HoldStartConcurrency</c>); a burst of holds queues behind them.</summary>
    [Range(1, 64, ErrorMessage = "OrderCheck__HoldStartConcurrency must be 1-64.")]
    public int HoldStartConcurrency { get; set; } = 2;
}
