using System.ComponentModel.DataAnnotations;

namespace CreditFlow.Workflows.Dunning;

/// <summary>Dunning settings (section <c>Dunning</c>).</summary>
public sealed class DunningOptions
{
    /// <summary>
    /// The time of day (UTC) a step due on a day is taken. Default 01:00 UTC: 09:00 in China, so mails arrive
    /// in the morning of the day they are due.
    /// </summary>
    public TimeSpan StepTimeOfDay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When a step due on <paramref name="day"/> is taken: that day at <see cref="StepTimeOfDay"/>.</summary>
    public DateTimeOffset StepTimeOn(DateOnly day) => new(day.ToDateTime(TimeOnly.FromTimeSpan(StepTimeOfDay)), TimeSpan.Zero);

    /// <summary>How long a person has for a dunning task. Default one day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TaskDeadline { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often open tasks are checked for being overdue (each is reported up once). Default 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TaskEscalationInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Where dunning mails go when the customer left no contact, and the credit department's own copy of warnings.</summary>
    [Required]
    [EmailAddress]
    public string CreditMailbox { get; set; } = "credit@creditflow.local";
}
