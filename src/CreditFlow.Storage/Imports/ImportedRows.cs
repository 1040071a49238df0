using CreditFlow.Domain.Monetary;

namespace CreditFlow.Storage.Imports;

/// <summary>What an import file holds, one kind per file.</summary>
public enum ImportKind
{
    /// <summary>New customers.</summary>
    Customers,

    /// <summary>Invoices, booked as the ERP's are (the ledger, then dunning).</summary>
    Invoices,

    /// <summary>Payments of invoices, booked as the ERP's are.</summary>
    Payments,
}

/// <summary>
/// The rows of a checked import file, each with its row number in the file (the header is row 1), ready to apply.
/// Exactly one of the lists is filled, the one of the file's <see cref="ImportKind"/>.
/// </summary>
public sealed record ImportedRows(
    IReadOnlyList<ImportedCustomer> Customers,
    IReadOnlyList<ImportedInvoice> Invoices,
    IReadOnlyList<ImportedPayment> Payments)
{
    /// <summary>How many rows there are.</summary>
    public int Count => Customers.Count + Invoices.Count + Payments.Count;
}

/// <summary>A customer row.</summary>
public sealed record ImportedCustomer(int Row, string Id, string Name, string RegistrationNumber, string? ActualController, string? Industry);

/// <summary>An invoice row.</summary>
public sealed record ImportedInvoice(int Row, string InvoiceId, string CustomerId, string? OrderId, Money Amount, DateOnly IssueDate, DateOnly DueDate);

/// <summary>A payment row.</summary>
public sealed record ImportedPayment(int Row, string PaymentId, string CustomerId, string InvoiceId, Money Amount, DateOnly ReceivedOn);
