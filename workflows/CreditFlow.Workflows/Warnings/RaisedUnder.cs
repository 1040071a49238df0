using CreditFlow.Domain.Policies;
using CreditFlow.Domain.Warnings;
using CreditFlow.Storage.Warnings;

namespace CreditFlow.Workflows.Warnings;

/// <summary>The warning rules a warning was raised under, by which its deadlines are set for as long as it is open.</summary>
public static class RaisedUnder
{
    /// <summary>
    /// The rules of the warning's policy version: version 1's for a warning raised before the rules were versioned, and
    /// for a version this process cannot read (logged where the book is read).
    /// </summary>
    public static WarningRules Rules(WarningRecord warning, CreditPolicyBook book)
    {
        ArgumentNullException.ThrowIfNull(warning);
        ArgumentNullException.ThrowIfNull(book);
        return book.VersionOrShipped(warning.RulesVersion ?? CreditPolicy.Default.Version).Warnings;
    }

    /// <summary>
    /// The first deadline: raised + the rule's response time (the response-time target), or, for a rule its version no
    /// longer has, the deadline the warning was given — before any reminder moved it, when the first reminder came.
    /// </summary>
    public static DateTimeOffset FirstDeadline(WarningRecord warning, CreditPolicyBook book) =>
        ResponseTimeOf(warning, book) is { } time ? warning.RaisedAt + time
        : warning.Chases.Count > 0 ? warning.Chases[0].At
        : warning.RespondBy;

    /// <summary>
    /// The time the warning's rule gives to answer, from when it was raised and again to each new tier; for a rule its
    /// version no longer has, the time it gave the first owner.
    /// </summary>
    public static TimeSpan ResponseTime(WarningRecord warning, CreditPolicyBook book) => FirstDeadline(warning, book) - warning.RaisedAt;

    /// <summary>The time the warning's rule gives to answer; null when its version has no such rule.</summary>
    private static TimeSpan? ResponseTimeOf(WarningRecord warning, CreditPolicyBook book) =>
        Rules(warning, book).Rules.FirstOrDefault(r => r.Name == warning?.Rule)?.ResponseTime;
}
