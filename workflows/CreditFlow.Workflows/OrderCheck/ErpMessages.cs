using CreditFlow.Domain.Monetary;

namespace CreditFlow.Workflows.OrderCheck;

/// <summary>An order the ERP created: checked at once, passed or held.</summary>
/// <param name="PrepaymentReceived">Prepayment finance confirmed for this order and not sent as a payment document.</param>
public sealed record ErpOrder(string OrderId, string CustomerId, Money Amount, DateOnly OrderDate, Money PrepaymentReceived);

/// <summary>A shipment of an order, checked before the goods leave.</summary>
public sealed record ErpShipment(string ShipmentId, string OrderId, string CustomerId, Money Amount, DateOnly ShipDate);

/// <summary>An invoice: moves the order's credit into receivables. Its amount is what the customer owes after prepayments.</summary>
/// <param name="OrderId">The order it bills; without one the receivable is booked and no order amount moves.</param>
public sealed record ErpInvoice(string InvoiceId, string CustomerId, string? OrderId, Money Amount, DateOnly IssueDate, DateOnly DueDate);

/// <summary>A payment: of an invoice, or a prepayment of an order (exactly one of the two ids).</summary>
public sealed record ErpPayment(string PaymentId, string CustomerId, string? InvoiceId, string? OrderId, Money Amount, DateOnly ReceivedOn);

/// <summary>A credit note against an invoice: what the invoice owes is lowered by its amount.</summary>
public sealed record ErpCreditNote(string CreditNoteId, string CustomerId, string InvoiceId, Money Amount, DateOnly IssuedOn);

/// <summary>A payment of an invoice taken back (bounced, recalled): what was paid is lowered by its amount.</summary>
public sealed record ErpPaymentReversal(string ReversalId, string CustomerId, string PaymentId, string InvoiceId, Money Amount, DateOnly ReversedOn);

/// <summary>An order cancelled in the ERP: what has not shipped stops counting.</summary>
public sealed record ErpCancellation(string CancellationId, string OrderId, string CustomerId);
