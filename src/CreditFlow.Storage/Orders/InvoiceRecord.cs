using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;

namespace CreditFlow.Storage.Orders;

/// <summary>An invoice's row: its answer, its ledger (amount, payments, due date) and the order it bills.</summary>
public sealed record InvoiceRecord(string Id, StoredAnswer? Answer, string? ETag, InvoiceLedger Ledger, string? OrderId)
    : ErpRecord(ErpDocumentKind.Invoice, Id, Answer, ETag)
{
    /// <summary>An invoice not seen yet (a payment arrived first).</summary>
    public static InvoiceRecord Unknown(string id, Currency currency) => new(id, null, null, InvoiceLedger.Empty(currency), null);
}
