namespace CreditFlow.Workflows.Approvals;

/// <summary>
/// One value a request would change, shown as a row of its section's table: what it is in words, where it is (e.g. a
/// JSON path), the value in force and the one proposed; null when the value is added or removed.
/// </summary>
public sealed record ApprovalChange(string What, string Where, string? InForce, string? Proposed);
