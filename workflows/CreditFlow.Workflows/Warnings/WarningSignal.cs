using CreditFlow.Domain.Warnings;

namespace CreditFlow.Workflows.Warnings;

/// <summary>
/// What starts a warning workflow: a signal about a customer, from a data provider, a member of staff, our own
/// data or dunning. One workflow per customer and signal.
/// </summary>
/// <param name="SignalId">The signal's id: the provider's event id, or one derived from what raised it.</param>
/// <param name="Signal">What was observed.</param>
/// <param name="RaisedThrough">For a warning raised on the rest of a group: the member whose signal it was; null otherwise.</param>
/// <param name="FreezeIsDunnings">Raised by the dunning ladder, which freezes the limit itself and lifts it when paid: the warning leaves the freeze to it.</param>
/// <param name="RulesVersion">
/// The credit policy version whose warning rules judge it: dunning's, the version of the invoice's ladder (whose warning
/// steps that version's rules are checked to raise); a group's, its first warning's; null for the version in force.
/// </param>
public sealed record WarningSignal(string SignalId, CreditSignal Signal, string? RaisedThrough = null, bool FreezeIsDunnings = false, int? RulesVersion = null)
{
    /// <summary>The workflow's instance id, and the warning's id.</summary>
    public string InstanceId => WarningIds.For(Signal.CustomerId, SignalId);
}

/// <summary>How warnings are named.</summary>
public static class WarningIds
{
    /// <summary>The id of the warning a signal raises on a customer (also its workflow's instance id).</summary>
    public static string For(string customerId, string signalId) => $"warning|{customerId}|{signalId}";

    /// <summary>
    /// The warning whose answer <paramref name="taskId"/> asks for, or null for any other task: such a task is done by
    /// answering the warning (which completes it), not by completing it.
    /// </summary>
    public static string? AnsweredBy(string taskId) =>
        taskId.StartsWith("warning|", StringComparison.Ordinal) && taskId.LastIndexOf("|answer-", StringComparison.Ordinal) is var at and > 0 ? taskId[..at] : null;

    /// <summary>The name of the event that tells a warning's workflow it was answered.</summary>
    public const string Answered = "WarningAnswered";
}
