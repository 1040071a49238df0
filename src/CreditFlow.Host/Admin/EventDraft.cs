namespace CreditFlow.Host.Admin;

/// <summary>What the admin typed into the raise-event form, shown again when it was refused.</summary>
public sealed record EventDraft(string Name, string Payload);
