using CreditFlow.Domain.Monetary;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>The body posted to the ERP's callback URL when a hold ends.</summary>
/// <param name="Outcome">"released" or "rejected".</param>
/// <param name="ShipmentId">Set when a shipment was held.</param>
/// <param name="ReleasedAmount">On release: the amount the ERP may ship (within the release tolerance).</param>
public sealed record ErpCallback(
    string HoldId,
    string Outcome,
    string CustomerId,
    string OrderId,
    string? ShipmentId,
    Money? ReleasedAmount,
    string DecidedBy,
    string? DecidedByRole,
    string Comment,
    DateTimeOffset DecidedAt);
