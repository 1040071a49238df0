using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;

namespace CreditFlow.Domain.Policies;

/// <summary>An open invoice as dunning reads it, with the ladder it is dunned by.</summary>
/// <param name="Invoice">The invoice with what has been paid.</param>
/// <param name="Payments">The payments as the ladder reads them (reversals netted).</param>
/// <param name="Disputes">Its disputes.</param>
/// <param name="Promises">Its promises to pay.</param>
/// <param name="Ladder">The ladder it is dunned by.</param>
/// <param name="LadderVersion">The policy version of that ladder.</param>
public sealed record DunnedInvoice(
    Invoice Invoice,
    IReadOnlyList<InvoicePayment> Payments,
    IReadOnlyList<InvoiceDispute> Disputes,
    IReadOnlyList<PaymentPromise> Promises,
    DunningLadder Ladder,
    int LadderVersion);

/// <summary>
/// Where an open invoice stands today on its own ladder and where it would stand on a draft's: the step reached and the
/// next one with its day.
/// </summary>
/// <param name="CustomerId">Whose.</param>
/// <param name="InvoiceId">Which.</param>
/// <param name="DueDate">Its due date.</param>
/// <param name="Open">What is still owed.</param>
/// <param name="VersionThen">The policy version of its own ladder.</param>
/// <param name="StepThen">The last step reached on its ladder, none before the first.</param>
/// <param name="NextThen">The next step on its ladder and its day.</param>
/// <param name="StepUnderDraft">The last step the draft's ladder would have reached.</param>
/// <param name="NextUnderDraft">The draft's next step and its day.</param>
public sealed record InvoiceImpact(
    string CustomerId,
    string InvoiceId,
    DateOnly DueDate,
    Money Open,
    int VersionThen,
    string? StepThen,
    NextStep? NextThen,
    string? StepUnderDraft,
    NextStep? NextUnderDraft)
{
    /// <summary>Whether the draft's ladder puts the invoice elsewhere today, or its next step on another day.</summary>
    public bool Changed => StepThen != StepUnderDraft || NextThen != NextUnderDraft;

    /// <summary>Every invoice on its ladder and on the draft's, on <paramref name="today"/>; those the draft moves first, the latest due first.</summary>
    public static IReadOnlyList<InvoiceImpact> Replay(IEnumerable<DunnedInvoice> invoices, CreditPolicy draft, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(draft);
        return invoices
            .Select(i =>
            {
                var then = i.Ladder.Evaluate(i.Invoice, i.Payments, i.Disputes, i.Promises, today);
                var underDraft = draft.Ladder.Evaluate(i.Invoice, i.Payments, i.Disputes, i.Promises, today);
                return new InvoiceImpact(
                    i.Invoice.CustomerId, i.Invoice.InvoiceId, i.Invoice.DueDate, i.Invoice.Open, i.LadderVersion,
                    then.Current?.Step.Code, NextStep.Of(then), underDraft.Current?.Step.Code, NextStep.Of(underDraft));
            })
            .OrderBy(i => !i.Changed)
            .ThenByDescending(i => i.DueDate)
            .ThenBy(i => i.InvoiceId, StringComparer.Ordinal)
            .ToArray();
    }
}

/// <summary>The next step of a ladder and the day it falls due (none while a dispute pauses it).</summary>
public sealed record NextStep(string Code, DateOnly? On)
{
    internal static NextStep? Of(DunningState state) => state.Next is { } next ? new NextStep(next.Step.Code, state.NextDueOn ?? next.DueOn) : null;
}
