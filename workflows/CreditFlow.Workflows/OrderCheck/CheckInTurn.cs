namespace CreditFlow.Workflows.OrderCheck;

/// <summary>One document of a customer's documents checked together: what was committed for it, or why it was refused.</summary>
/// <param name="Committed">The check as committed; null when the check itself failed (<paramref name="Refused"/>).</param>
/// <param name="Recorded">The last hold put on the worklist for it, which the committed check may no longer hold.</param>
/// <param name="Refused">Why the check failed (e.g. a currency that is not the customer's); nothing of it was written.</param>
public sealed record CheckInTurn(CheckedDocument? Committed, HoldInput? Recorded, Exception? Refused);
