using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Storage.Orders;

namespace CreditFlow.Workflows.LegalHandoff;

/// <summary>What is still owed on a case: the ledger's open amount of each of its invoices (payments and credit notes taken off).</summary>
public sealed class CaseDebts(CustomerLedgerStore ledgers)
{
    /// <summary>Each invoice of <paramref name="legalCase"/> with what is open on it now, and the total.</summary>
    public async Task<(Money Total, IReadOnlyList<(CaseInvoice Invoice, Money Open)> Invoices)> OwedAsync(LegalCase legalCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(legalCase);
        var ledger = await ledgers.ReadDocumentsAsync(legalCase.CustomerId, legalCase.Invoices.Select(i => (ErpDocumentKind.Invoice, i.InvoiceId)), cancellationToken);
        var open = legalCase.Invoices
            .Select(i => (i, ledger.Find<InvoiceRecord>(ErpDocumentKind.Invoice, i.InvoiceId)?.Invoice?.Open ?? i.OpenWhenAdded))
            .ToList();
        return (open.Aggregate(Money.Zero(legalCase.Currency), (sum, x) => sum + x.Item2), open);
    }
}
