namespace CreditFlow.Domain.Calendar;

/// <summary>
/// Counts working days for reminders and escalations: "no answer within 1 working day" means the
/// same time of day on the next working day, so a request sent on Friday is reminded on Monday.
/// </summary>
public sealed record WorkingCalendar
{
    /// <summary>A calendar whose non-working days are <paramref name="weekend"/>.</summary>
    /// <exception cref="ArgumentException">Every day of the week is a weekend day.</exception>
    public WorkingCalendar(IEnumerable<DayOfWeek> weekend)
    {
        ArgumentNullException.ThrowIfNull(weekend);
        Weekend = weekend.ToHashSet();
        if (Weekend.Count >= 7)
        {
            throw new ArgumentException("At least one day of the week must be a working day.", nameof(weekend));
        }
    }

    /// <summary>Saturday and Sunday off.</summary>
    public static WorkingCalendar Default { get; } = new([DayOfWeek.Saturday, DayOfWeek.Sunday]);

    /// <summary>The non-working days.</summary>
    public IReadOnlySet<DayOfWeek> Weekend { get; }

    /// <summary>True when <paramref name="day"/> is a working day.</summary>
    public bool IsWorkingDay(DateTimeOffset day) => !Weekend.Contains(day.DayOfWeek);

    /// <summary>
    /// <paramref name="start"/> moved forward by <paramref name="workingDays"/> working days, same time
    /// of day. A start on a weekend counts from the next working day's start of day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The number of days is negative.</exception>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var at = start;
        if (!IsWorkingDay(at))
        {
            // Asked on a Saturday: the clock starts on Monday morning, not Saturday's time of day.
            at = new DateTimeOffset(at.Date, at.Offset);
            while (!IsWorkingDay(at))
            {
                at = at.AddDays(1);
            }
        }

        for (var counted = 0; counted < workingDays;)
        {
            at = at.AddDays(1);
            if (IsWorkingDay(at))
            {
                counted++;
            }
        }

        return at;
    }
}
