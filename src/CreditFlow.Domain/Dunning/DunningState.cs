namespace CreditFlow.Domain.Dunning;

/// <summary>Where an invoice stands on the ladder.</summary>
public enum DunningStatus
{
    /// <summary>Following the ladder; the next step has a date.</summary>
    Running,

    /// <summary>An open dispute holds the ladder; the next step has no date until it closes.</summary>
    PausedByDispute,

    /// <summary>A promise to pay is pending; the ladder waits until the day after the promised date.</summary>
    AwaitingPromise,

    /// <summary>Paid in full: the ladder has ended.</summary>
    Settled,

    /// <summary>Every step has been reached.</summary>
    Completed,
}

/// <summary>A step with the date it falls (or fell) due for one invoice.</summary>
/// <param name="Level">1-based position on this invoice's ladder.</param>
/// <param name="Step">The step.</param>
/// <param name="DueOn">Its date after pauses, postponements and escalations; <c>null</c> while an open dispute holds it.</param>
/// <param name="Escalated">Pulled forward by a broken promise.</param>
public sealed record ScheduledStep(int Level, DunningStep Step, DateOnly? DueOn, bool Escalated = false);

/// <summary>The dunning position of an invoice on a day.</summary>
/// <param name="Status">Where it stands.</param>
/// <param name="Level">The dunning level: how many steps have been reached (0 for none).</param>
/// <param name="Current">The last step reached, or <c>null</c>.</param>
/// <param name="Next">The next step, or <c>null</c> when settled or completed.</param>
/// <param name="NextDueOn">When to act or look again: the next step's date, the day after a pending promise's date, or <c>null</c>.</param>
/// <param name="SettledOn">The day the invoice was paid in full, or <c>null</c>.</param>
/// <param name="Schedule">Every step with its date, in ladder order.</param>
public sealed record DunningState(
    DunningStatus Status,
    int Level,
    ScheduledStep? Current,
    ScheduledStep? Next,
    DateOnly? NextDueOn,
    DateOnly? SettledOn,
    IReadOnlyList<ScheduledStep> Schedule);
