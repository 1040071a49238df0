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

    /// <summary>The sales budget per customer and month (a month imported again is replaced).</summary>
    Budget,
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
    /// <summary>The sales budget's rows.</summary>
    public IReadOnlyList<ImportedBudget> Budget { get; init; } = [];

    /// <summary>How many rows there are.</summary>
    public int Count => Customers.Count + Invoices.Count + Payments.Count + Budget.Count;
}

/// <summary>A customer row.</summary>
public sealed record ImportedCustomer(int Row, string Id, string Name, string RegistrationNumber, string? ActualController, string? Industry);

/// <summary>An invoice row.</summary>
public sealed record ImportedInvoice(int Row, string InvoiceId, string CustomerId, string? OrderId, Money Amount, DateOnly IssueDate, DateOnly DueDate);

/// <summary>A payment row.</summary>
public sealed record ImportedPayment(int Row, string PaymentId, string CustomerId, string InvoiceId, Money Amount, DateOnly ReceivedOn);

/// <summary>A sales budget row: a customer's budgeted sales in the month starting on <paramref name="Month"/>.</summary>
public sealed record ImportedBudget(int Row, string CustomerId, DateOnly Month, Money Sales);
