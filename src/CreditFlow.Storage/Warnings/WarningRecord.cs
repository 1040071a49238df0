using CreditFlow.Domain.Roles;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Storage.Warnings;

/// <summary>
/// A warning raised on a customer, from the signal to the answer: who must answer it and by when (moved on by
/// every escalation), every reminder and escalation, and the answer with the actions taken. Written by its
/// warning workflow and by the answer, under the row's ETag.
/// </summary>
/// <param name="Id">Derived from the customer and the signal, so a retried raise stores it once.</param>
/// <param name="CustomerId">The customer warned about.</param>
/// <param name="Level">Yellow, orange or red.</param>
/// <param name="Rule">The rule that fired.</param>
/// <param name="Reason">The rule as applied, in words.</param>
/// <param name="Signal">What was observed (kind, value, when).</param>
/// <param name="SignalId">The signal's id (the provider's event id, or one derived from our own data).</param>
/// <param name="ProposedActions">The responses the rule proposes; an answer chooses among them.</param>
/// <param name="RaisedAt">When it was raised; response time counts from here.</param>
/// <param name="Owner">Who must answer it now.</param>
/// <param name="RespondBy">By when the owner must answer.</param>
/// <param name="RaisedThrough">The group member whose signal raised it, for a warning raised on the rest of a group; null for the customer's own.</param>
public sealed record WarningRecord(
    string Id,
    string CustomerId,
    WarningLevel Level,
    string Rule,
    string Reason,
    CreditSignal Signal,
    string SignalId,
    IReadOnlyList<ResponseAction> ProposedActions,
    DateTimeOffset RaisedAt,
    CreditRole Owner,
    DateTimeOffset RespondBy,
    string? RaisedThrough)
{
    /// <summary>Reminders and escalations, in order.</summary>
    public IReadOnlyList<WarningChase> Chases { get; init; } = [];

    /// <summary>The answer; null while the warning is open.</summary>
    public WarningAnswer? Answer { get; init; }

    /// <summary>The row's version; null before it is stored.</summary>
    public string? ETag { get; init; }

    /// <summary>
    /// The credit policy version whose warning rules raised it, and by which it is chased; none for a warning raised
    /// before the rules were versioned (version 1's).
    /// </summary>
    public int? RulesVersion { get; init; }

    /// <summary>True until answered.</summary>
    public bool IsOpen => Answer is null;

    /// <summary>True when the current owner was reminded and has not answered since.</summary>
    public bool OwnerReminded => Chases.Count > 0 && Chases[^1] is { Escalated: false } last && last.To == Owner;
}

/// <summary>A reminder to the owner, or an escalation to the next tier.</summary>
/// <param name="At">When.</param>
/// <param name="To">Who was told (the new owner after an escalation).</param>
/// <param name="Escalated">True for an escalation, false for a reminder.</param>
/// <param name="RespondBy">The deadline it set.</param>
public sealed record WarningChase(DateTimeOffset At, CreditRole To, bool Escalated, DateTimeOffset RespondBy);

/// <summary>How a warning was answered.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who answered (the API key's or user's name).</param>
/// <param name="Role">In which role.</param>
/// <param name="Actions">The actions chosen among those proposed.</param>
/// <param name="Comment">What the owner found and decided, in words.</param>
public sealed record WarningAnswer(DateTimeOffset At, string By, CreditRole Role, IReadOnlyList<ResponseAction> Actions, string Comment);
