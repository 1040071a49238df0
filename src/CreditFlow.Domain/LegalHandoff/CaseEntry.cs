namespace CreditFlow.Domain.LegalHandoff;

/// <summary>One line of a case's timeline: what happened, when, and who did it.</summary>
public sealed record CaseEntry(DateTimeOffset At, string What, string By);
