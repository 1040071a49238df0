using CreditFlow.Domain.Monetary;
using CreditFlow.Host.Receivables;
using CreditFlow.Host.Workspace.Customers;
using CreditFlow.Storage.Dunning;

namespace CreditFlow.Host.Workspace.Invoices;

/// <summary>
/// An invoice as the invoices page and its export show it: the figures <c>GET /api/invoices</c> gives
/// (<see cref="InvoiceSummary"/>) and where dunning stands, in words (<see cref="InvoiceStanding"/>).
/// </summary>
/// <param name="DaysOverdue">Days past the due date today while something is open; 0 otherwise.</param>
/// <param name="Standing">E.g. "running, level 2", "booked", "settled".</param>
/// <param name="NextStep">The next step in words, when it has a date (<paramref name="NextStepOn"/>).</param>
/// <param name="Disputed">True while a dispute is open.</param>
/// <param name="PromisedFor">The day the customer promised to pay by, while that is still to come.</param>
public sealed record InvoiceRow(
    string CustomerId,
    string InvoiceId,
    DateOnly IssueDate,
    DateOnly DueDate,
    Money Amount,
    Money Open,
    int DaysOverdue,
    string Standing,
    string? NextStep,
    DateOnly? NextStepOn,
    bool Disputed,
    DateOnly? PromisedFor)
{
    internal static InvoiceRow From(DunningRecord record, DateOnly today)
    {
        var summary = InvoiceSummary.From(record, today);
        var step = InvoiceStanding.NextStep(record);
        return new(
            summary.CustomerId, summary.InvoiceId, summary.IssueDate, summary.DueDate, summary.Amount, summary.Open, summary.DaysOverdue,
            InvoiceStanding.Status(record), step, step is null ? null : summary.NextStepOn, summary.Disputed, InvoiceStanding.PromisedFor(record, today));
    }

    /// <summary>Nothing left to pay.</summary>
    public bool Settled => Open.Amount == 0m;
}
