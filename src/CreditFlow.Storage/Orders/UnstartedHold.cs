namespace CreditFlow.Storage.Orders;

/// <summary>A hold on the worklist whose workflow is not known to have started, with the row's ETag.</summary>
public sealed record UnstartedHold(HoldRecord Hold, string ETag);
