namespace CreditFlow.Domain.OrderCheck;

/// <summary>The kinds of document the ERP sends; each is idempotent by its id within the customer.</summary>
public enum ErpDocumentKind
{
    /// <summary>A sales order to check.</summary>
    Order,

    /// <summary>A shipment of an order, checked again before goods leave.</summary>
    Shipment,

    /// <summary>An invoice: moves an order's credit into receivables.</summary>
    Invoice,

    /// <summary>A payment of an invoice, or a prepayment of an order.</summary>
    Payment,

    /// <summary>An order cancelled in the ERP.</summary>
    Cancellation,

    /// <summary>A credit note lowering what an invoice owes.</summary>
    CreditNote,

    /// <summary>A payment taken back (bounced, recalled).</summary>
    PaymentReversal,
}
