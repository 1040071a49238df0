using CreditFlow.Storage.Warnings;

namespace CreditFlow.Host.Warnings;

/// <summary>A warning as <c>/api/warnings</c> shows it.</summary>
/// <param name="Level">"Yellow", "Orange" or "Red".</param>
/// <param name="Signal">What was observed: kind, value, when.</param>
/// <param name="Owner">Who must answer it now (moved by escalations).</param>
/// <param name="Overdue">True while open past its deadline, now.</param>
/// <param name="AgeHours">Hours since it was raised, now (or until answered).</param>
/// <param name="RaisedThrough">The group member whose signal raised it, for a warning on the rest of a group.</param>
/// <param name="ResponseHours">Hours from raised to answered (the response-time KPI); null while open.</param>
internal sealed record WarningView(
    string Id,
    string CustomerId,
    string Level,
    string Rule,
    string Reason,
    SignalView Signal,
    string SignalId,
    string? RaisedThrough,
    DateTimeOffset RaisedAt,
    string Owner,
    DateTimeOffset RespondBy,
    bool Overdue,
    double AgeHours,
    string[] ProposedActions,
    ChaseView[] Chases,
    AnswerView? Answer,
    double? ResponseHours)
{
    public static WarningView From(WarningRecord w, DateTimeOffset now)
    {
        var end = w.Answer?.At ?? now;
        return new(
            w.Id, w.CustomerId, w.Level.ToString(), w.Rule, w.Reason,
            new SignalView(w.Signal.Kind.ToString(), w.Signal.Value, w.Signal.ObservedAt, w.Signal.Explained),
            w.SignalId, w.RaisedThrough, w.RaisedAt, w.Owner.ToString(), w.RespondBy, w.IsOpen && now > w.RespondBy,
            Math.Round((end - w.RaisedAt).TotalHours, 2),
            w.ProposedActions.Select(a => a.ToString()).ToArray(),
            w.Chases.Select(c => new ChaseView(c.At, c.To.ToString(), c.Escalated ? "escalated" : "reminded", c.RespondBy)).ToArray(),
            w.Answer is { } a ? new AnswerView(a.At, a.By, a.Role.ToString(), a.Actions.Select(x => x.ToString()).ToArray(), a.Comment) : null,
            w.Answer is { } answered ? Math.Round((answered.At - w.RaisedAt).TotalHours, 2) : null);
    }
}

/// <summary>The signal of a warning.</summary>
internal sealed record SignalView(string Kind, decimal Value, DateTimeOffset ObservedAt, bool Explained);

/// <summary>A reminder or an escalation.</summary>
/// <param name="What">"reminded" or "escalated".</param>
internal sealed record ChaseView(DateTimeOffset At, string To, string What, DateTimeOffset RespondBy);

/// <summary>How a warning was answered.</summary>
internal sealed record AnswerView(DateTimeOffset At, string By, string Role, string[] Actions, string Comment);
