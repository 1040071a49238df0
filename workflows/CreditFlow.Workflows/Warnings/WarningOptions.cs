using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Workflows.Warnings;

/// <summary>Warning settings (section <c>Warnings</c>); the rules and their response times are in <c>warning-rules.json</c>.</summary>
public sealed class WarningOptions
{
    /// <summary>
    /// How long an owner reminded of a missed deadline has before the warning goes to the next tier. Default four hours:
    /// a warning is urgent, and a reminder that waits another full day doubles the response time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ReminderGrace { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often the signals computed from our own data are measured. Default a day (the nightly signals).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan InternalSignalsInterval { get; set; } = TimeSpan.FromDays(1);
}
