using CreditFlow.Storage.Warnings;

namespace CreditFlow.Host.Workspace.Warnings;

/// <summary>An open warning as the signed-in user sees it.</summary>
/// <param name="Warning">The warning.</param>
/// <param name="FirstDeadline">Raised + the rule's response time: past it, the warning is overdue (a reminder moves the answer-by time, not this).</param>
/// <param name="MustAnswer">Who must answer it, in words, when the signed-in user may not; null when they may.</param>
public sealed record WarningCard(WarningRecord Warning, DateTimeOffset FirstDeadline, string? MustAnswer);

/// <summary>An answered warning with the response-time target it was answered against.</summary>
public sealed record AnsweredWarning(WarningRecord Warning, TimeSpan Target);
