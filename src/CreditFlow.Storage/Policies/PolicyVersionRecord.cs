namespace CreditFlow.Storage.Policies;

/// <summary>Where a drafted version of the credit policy stands.</summary>
public enum PolicyStatus
{
    /// <summary>Written, checked, not yet put to the committee: it can be simulated and submitted.</summary>
    Draft,

    /// <summary>With the committee.</summary>
    InApproval,

    /// <summary>Approved: in force from its first day.</summary>
    Approved,

    /// <summary>Turned down by the committee.</summary>
    Rejected,

    /// <summary>Taken back before it went to the committee: kept for the record, never in force.</summary>
    Withdrawn,
}

/// <summary>
/// A drafted version of the credit policy (version 1, the shipped defaults, is not stored). Written under its ETag.
/// </summary>
/// <param name="Version">2 and up, in the order drafted.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="EffectiveFrom">The first day it is meant to be in force; set to the day of approval when that is later.</param>
/// <param name="Json">The policy document.</param>
/// <param name="Note">Why it is proposed, in the drafter's words.</param>
/// <param name="DraftedBy">Who drafted it.</param>
/// <param name="DraftedAt">When.</param>
public sealed record PolicyVersionRecord(
    int Version,
    PolicyStatus Status,
    DateOnly EffectiveFrom,
    string Json,
    string Note,
    string DraftedBy,
    DateTimeOffset DraftedAt)
{
    /// <summary>Who approved or rejected it, when decided.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>When it was decided.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The committee's comment.</summary>
    public string? DecisionComment { get; init; }

    /// <summary>The last impact simulation, as JSON (the workflows' shape).</summary>
    public string? ImpactJson { get; init; }

    /// <summary>The row's ETag as read; null for a new version.</summary>
    public string? ETag { get; init; }
}
