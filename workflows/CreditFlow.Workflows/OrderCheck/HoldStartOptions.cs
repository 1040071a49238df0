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

    /// <summary>
    /// Most holds this process starts per second (<c>OrderCheck__HoldStartsPerSecond</c>). A burst of
    /// holds (a hot customer crossing its limit) queues and starts at this pace, so the workflows'
    /// storage traffic cannot crowd out the ERP's order checks; an approver's mail comes seconds later.
    /// One a second is 3,600 holds an hour, far more than a month end holds; each hold's workflow costs
    /// tens of storage requests, and faster starts were the order bench's p99 tail (bench/README.md, issue 21).
    /// </summary>
    [Range(1, 1000, ErrorMessage = "OrderCheck__HoldStartsPerSecond must be 1-1000.")]
    public int HoldStartsPerSecond { get; set; } = 1;
}
