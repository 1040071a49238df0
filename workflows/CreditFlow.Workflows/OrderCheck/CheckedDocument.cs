using CreditFlow.Storage.Orders;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>
/// What the check of an order or shipment decided on one read of the ledger: the answer, the rows to
/// write (null: nothing, e.g. a repeated document) and, when held, the hold to start.
/// </summary>
public sealed record CheckedDocument(ErpAnswer Answer, LedgerChange? Change, HoldInput? Hold);
