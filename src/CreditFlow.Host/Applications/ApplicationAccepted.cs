namespace CreditFlow.Host.Applications;

/// <summary>The answer to a filed application: its id, that it is submitted, and where to follow it.</summary>
/// <param name="StatusUrl">GET it for the application's progress (also the Location header).</param>
public sealed record ApplicationAccepted(string Id, string Status, string StatusUrl);
