namespace CreditFlow.Domain.Receivables;

/// <summary>A warning raised about a customer, and when it was answered (null while it is not).</summary>
public sealed record RaisedWarning(string CustomerId, DateTimeOffset RaisedAt, DateTimeOffset? AnsweredAt);
