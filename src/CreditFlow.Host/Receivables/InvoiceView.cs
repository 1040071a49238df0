using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.Dunning;

namespace CreditFlow.Host.Receivables;

/// <summary>
/// One invoice as <c>GET /api/invoices/{invoiceId}</c> shows it: what was invoiced, paid and is still open, how many
/// days it is overdue today, where dunning stands, and everything that happened to it.
/// </summary>
/// <param name="Paid">What dunning has seen paid (each change of the ledger's paid amount, on the day it was seen).</param>
/// <param name="Open">The amount less what was paid, never below zero.</param>
/// <param name="DaysOverdue">Days past the due date today (UTC) while something is open; 0 otherwise.</param>
/// <param name="Status">Running, PausedByDispute, AwaitingPromise, Settled, Completed, or NotYetLooked before dunning's first look.</param>
/// <param name="Level">How many steps of the ladder were reached.</param>
/// <param name="NextStep">The next step's code, e.g. "yellow"; null when none is due.</param>
/// <param name="NextStepOn">When dunning looks again (the next step's day, or the day after a promised date); null while a dispute holds it.</param>
/// <param name="LookedAt">When dunning last looked.</param>
internal sealed record InvoiceView(
    string InvoiceId,
    string CustomerId,
    Money Amount,
    Money Paid,
    Money Open,
    DateOnly IssueDate,
    DateOnly DueDate,
    int DaysOverdue,
    string Status,
    int Level,
    string? NextStep,
    DateOnly? NextStepOn,
    DateTimeOffset? LookedAt,
    IReadOnlyList<StepView> Steps,
    IReadOnlyList<PaymentView> Payments,
    IReadOnlyList<DisputeView> Disputes,
    IReadOnlyList<PromiseView> Promises,
    IReadOnlyList<ExtensionView> Extensions,
    IReadOnlyList<CollectionPlan> Plans)
{
    public static InvoiceView From(DunningRecord r, DateOnly today)
    {
        var open = InvoiceFigures.Open(r);
        return new(
            r.InvoiceId, r.CustomerId, r.Amount, r.Paid, open, r.IssueDate, r.DueDate, InvoiceFigures.DaysOverdue(r, today),
            r.Standing.Status, r.Standing.Level, r.Standing.NextStep, r.Standing.NextDueOn, r.Standing.LookedAt,
            r.Steps.Select(s => new StepView(s.Level, s.Code, s.DueOn, s.TakenAt, s.Done)).ToList(),
            r.Payments.Select(p => new PaymentView(p.PaidOn, p.Amount)).ToList(),
            r.Disputes.Select(d => new DisputeView(d.ClosedOn is null, d.OpenedOn, d.Reason, d.RaisedBy, d.ClosedOn, d.Resolution)).ToList(),
            r.Promises.Select(p => new PromiseView(p.MadeOn, p.PromisedDate, p.Amount)).ToList(),
            r.Extensions.Select(e => new ExtensionView(e.RequestId, e.RequestedOn, e.FromDueDate, e.ToDueDate, e.Reason, e.RequestedBy, e.Outcome, e.DecidedBy, e.Comment)).ToList(),
            r.Plans);
    }
}

/// <summary>A dunning step taken.</summary>
/// <param name="Level">Its place on this invoice's ladder.</param>
/// <param name="Code">The step, e.g. "yellow".</param>
/// <param name="DueOn">The day it fell due.</param>
/// <param name="TakenAt">When it was taken.</param>
/// <param name="Done">What each of its actions did (mail sent to whom, task created for which role, warning, freeze).</param>
internal sealed record StepView(int Level, string Code, DateOnly DueOn, DateTimeOffset TakenAt, IReadOnlyList<string> Done);

/// <summary>A payment as dunning saw it arrive; a reversal is negative.</summary>
/// <param name="PaidOn">The day it was received as the ERP said; the day dunning saw it for a reversal, a credit note, or a payment booked before the ERP's day was kept.</param>
internal sealed record PaymentView(DateOnly PaidOn, Money Amount);

/// <summary>A dispute the customer raised; the ladder pauses while one is open.</summary>
internal sealed record DisputeView(bool Open, DateOnly OpenedOn, string Reason, string RaisedBy, DateOnly? ClosedOn, string? Resolution);

/// <summary>A promise to pay; <paramref name="Amount"/> null for the whole open amount.</summary>
internal sealed record PromiseView(DateOnly MadeOn, DateOnly PromisedDate, Money? Amount);

/// <summary>A request to pay later: Pending until the credit manager decides, then Approved (the due date moved) or Rejected.</summary>
internal sealed record ExtensionView(
    string RequestId, DateOnly RequestedOn, DateOnly FromDueDate, DateOnly ToDueDate, string Reason, string RequestedBy, string Outcome, string? DecidedBy, string? Comment);
