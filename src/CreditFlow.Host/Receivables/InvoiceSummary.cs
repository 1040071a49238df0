using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Dunning;

namespace CreditFlow.Host.Receivables;

/// <summary>An invoice as the lists show it; <c>GET /api/invoices/{invoiceId}</c> adds its steps, payments, disputes and promises.</summary>
/// <param name="DaysOverdue">Days past the due date today (UTC) while something is open; 0 otherwise.</param>
/// <param name="Status">Running, PausedByDispute, AwaitingPromise, Settled, Completed, or NotYetLooked.</param>
/// <param name="Disputed">True while a dispute is open.</param>
internal sealed record InvoiceSummary(
    string InvoiceId,
    string CustomerId,
    Money Amount,
    Money Open,
    DateOnly IssueDate,
    DateOnly DueDate,
    int DaysOverdue,
    string Status,
    int Level,
    string? NextStep,
    DateOnly? NextStepOn,
    bool Disputed)
{
    public static InvoiceSummary From(DunningRecord r, DateOnly today) => new(
        r.InvoiceId, r.CustomerId, r.Amount, InvoiceFigures.Open(r), r.IssueDate, r.DueDate, InvoiceFigures.DaysOverdue(r, today),
        r.Standing.Status, r.Standing.Level, r.Standing.NextStep, r.Standing.NextDueOn, r.Disputes.Any(d => d.ClosedOn is null));
}

/// <summary>One page of invoices.</summary>
/// <param name="Items">The invoices of this page; with a filter, possibly fewer than the page size.</param>
/// <param name="Continuation">Pass as <c>continuation</c> for the next page; null on the last.</param>
internal sealed record InvoicePage(IReadOnlyList<InvoiceSummary> Items, string? Continuation);
