using CreditFlow.Storage.Orders;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// What booking an invoice, payment or cancellation decided on one read of the ledger: the answer and
/// the rows to write (null: nothing).
/// </summary>
/// <param name="EndsHold">The hold a cancellation ends (its order was held), or null.</param>
public sealed record LedgerBooking(ErpAnswer Answer, LedgerChange? Change, string? EndsHold = null);
