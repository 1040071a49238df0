namespace CreditFlow.Domain.LegalHandoff;

/// <summary>The case cannot take this step where it stands (e.g. a recall of a case no agency holds); the message says why.</summary>
public sealed class CaseActionRefusedException(string message) : InvalidOperationException(message);
