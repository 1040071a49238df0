using CreditFlow.Storage.Imports;

namespace CreditFlow.Host.Workspace.Imports;

/// <summary>
/// The columns of each kind of import file, by the names the template uses. A header matches a column whatever its
/// case, spaces, hyphens or underscores ("Invoice ID", "invoice_id" and "invoiceId" are one column).
/// </summary>
internal static class ImportColumns
{
    public static IReadOnlyList<ImportColumn> Of(ImportKind kind) => kind switch
    {
        ImportKind.Customers =>
        [
            new("id", true, "CUST-0001"), new("name", true, "Jiangsu Hengtong Cable Co."), new("registrationNumber", true, "91320000MA1234567X"),
            new("actualController", false, "Xu Ming"), new("industry", false, "manufacturing"),
        ],
        ImportKind.Invoices =>
        [
            new("invoiceId", true, "INV-2026-0001"), new("customerId", true, "CUST-0001"), new("orderId", false, "SO-2026-0001"),
            new("amount", true, "125000.00"), new("currency", true, "CNY"), new("issueDate", true, "2026-03-01"), new("dueDate", true, "2026-03-31"),
        ],
        ImportKind.Budget =>
        [
            new("customerId", true, "CUST-0001"), new("month", true, "2026-04"), new("sales", true, "300000.00"), new("currency", true, "CNY"),
        ],
        _ =>
        [
            new("paymentId", true, "PAY-2026-0001"), new("customerId", true, "CUST-0001"), new("invoiceId", true, "INV-2026-0001"),
            new("amount", true, "125000.00"), new("currency", true, "CNY"), new("receivedOn", true, "2026-03-28"),
        ],
    };

    /// <summary>A header as it is matched: lower case letters and digits only.</summary>
    public static string Key(string header) => new(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}

/// <summary>A column of an import file: its name, whether every row needs it, and an example value (the template's row).</summary>
internal sealed record ImportColumn(string Name, bool Required, string Example);
