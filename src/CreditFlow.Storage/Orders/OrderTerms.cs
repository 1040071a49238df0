namespace CreditFlow.Storage.Orders;

/// <summary>
/// The customer's terms the order check needs beyond its profile: a frozen limit (e.g. after a
/// yellow warning) and the share of each order to prepay. Stored on the customer's exposure row,
/// which the order check reads anyway; absent means no freeze and no prepayment.
/// </summary>
/// <param name="PrepaymentShare">0 for none, 1 for full prepayment.</param>
public sealed record OrderTerms(bool LimitFrozen, decimal PrepaymentShare)
{
    /// <summary>No freeze, no prepayment.</summary>
    public static OrderTerms None { get; } = new(false, 0m);
}
