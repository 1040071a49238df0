namespace CreditFlow.Host.Applications;

/// <summary>The body of <c>POST /api/applications/{id}/data</c>: what sales was asked for.</summary>
/// <param name="FinancialFigures">Further scorecard inputs by name.</param>
/// <param name="BelowStandardReason">Sales' written reason for a customer below standard.</param>
public sealed record SupplyDataBody(Dictionary<string, decimal>? FinancialFigures = null, string? BelowStandardReason = null);

/// <summary>The body of <c>POST /api/applications/{id}/reconsideration</c>.</summary>
/// <param name="Reason">Why the refusal should be heard again, one tier up.</param>
public sealed record ReconsiderationBody(string? Reason);
