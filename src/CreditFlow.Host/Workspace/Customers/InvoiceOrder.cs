using CreditFlow.Storage.Dunning;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>The order the workspace lists invoices in: what needs chasing first.</summary>
internal static class InvoiceOrder
{
    /// <summary>The open invoices by due date (the longest overdue first), then the settled ones, latest first.</summary>
    public static List<DunningRecord> OpenFirst(IEnumerable<DunningRecord> records)
    {
        var all = records as IReadOnlyCollection<DunningRecord> ?? records.ToList();
        return all.Where(r => r.Invoice.IsOpen).OrderBy(r => r.DueDate).ThenBy(r => r.CustomerId, StringComparer.Ordinal).ThenBy(r => r.InvoiceId, StringComparer.Ordinal)
            .Concat(all.Where(r => !r.Invoice.IsOpen).OrderByDescending(r => r.DueDate).ThenBy(r => r.CustomerId, StringComparer.Ordinal).ThenBy(r => r.InvoiceId, StringComparer.Ordinal))
            .ToList();
    }
}
