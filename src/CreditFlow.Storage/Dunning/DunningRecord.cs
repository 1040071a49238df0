using CreditFlow.Domain.Dunning;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Domain.Warnings;

namespace CreditFlow.Storage.Dunning;

/// <summary>
/// One invoice as dunning follows it: the invoice's dates and amount as booked, what the customer
/// said about it (disputes, promises), every step taken and where it stands now. Written only by the
/// invoice's dunning workflow and by the requests that record a dispute or a promise, under its ETag.
/// </summary>
/// <param name="CustomerId">Whose invoice.</param>
/// <param name="InvoiceId">The ERP's invoice id.</param>
/// <param name="IssueDate">When it was issued (half the term is counted from here).</param>
/// <param name="DueDate">When it falls due.</param>
/// <param name="Amount">The invoiced amount.</param>
/// <param name="Payments">Payments as dunning saw them arrive: each change of the ledger's paid amount, on the day it was seen (a reversal is negative).</param>
/// <param name="Disputes">Disputes raised, open or closed.</param>
/// <param name="Promises">Promises to pay.</param>
/// <param name="Steps">Steps taken, in the order taken.</param>
/// <param name="Standing">Where it stood at the last look.</param>
/// <param name="ETag">The row's version; null for a record not stored yet.</param>
public sealed record DunningRecord(
    string CustomerId,
    string InvoiceId,
    DateOnly IssueDate,
    DateOnly DueDate,
    Money Amount,
    IReadOnlyList<InvoicePayment> Payments,
    IReadOnlyList<RecordedDispute> Disputes,
    IReadOnlyList<PaymentPromise> Promises,
    IReadOnlyList<TakenStep> Steps,
    DunningStanding Standing,
    string? ETag)
{
    /// <summary>A newly booked invoice: nothing taken, nothing said.</summary>
    public static DunningRecord Booked(string customerId, string invoiceId, DateOnly issueDate, DateOnly dueDate, Money amount) =>
        new(customerId, invoiceId, issueDate, dueDate, amount, [], [], [], [], DunningStanding.NotYetLooked, null);

    /// <summary>The invoice as the ladder reads it.</summary>
    public Invoice Invoice => new(CustomerId, InvoiceId, IssueDate, DueDate, Amount) { Paid = Paid };

    /// <summary>The invoice and what happened to it, as the nightly signals and the re-review read it.</summary>
    public InvoiceHistory History => new(Invoice, Payments, LadderDisputes.ToArray(), Promises);

    /// <summary>The disputes as the ladder reads them.</summary>
    public IEnumerable<InvoiceDispute> LadderDisputes => Disputes.Select(d => new InvoiceDispute(d.OpenedOn, d.ClosedOn));

    /// <summary>What is still open: the amount less what dunning has seen paid (or credited), never below zero.</summary>
    public Money Open => Invoice.Open;

    /// <summary>What dunning has seen paid so far.</summary>
    public Money Paid => Payments.Aggregate(Money.Zero(Amount.Currency), (sum, p) => sum + p.Amount);

    /// <summary>Requests to pay later, each approved or rejected through approval (an approved one moved <see cref="DueDate"/>).</summary>
    public IReadOnlyList<PaymentExtension> Extensions { get; init; } = [];

    /// <summary>The request still waiting for approval, if any.</summary>
    public PaymentExtension? PendingExtension => Extensions.FirstOrDefault(e => e.Outcome == PaymentExtension.Pending);

    /// <summary>Special collection plans submitted for the invoice, each approved or rejected through approval.</summary>
    public IReadOnlyList<CollectionPlan> Plans { get; init; } = [];

    /// <summary>
    /// The credit policy version whose dunning ladder the invoice is dunned by, fixed at its first look; none for an
    /// invoice not looked at yet, or first looked at before ladders were versioned (dunned by version 1's).
    /// </summary>
    public int? LadderVersion { get; init; }

    /// <summary>True when the step with <paramref name="code"/> was taken.</summary>
    public bool HasTaken(string code) => Steps.Any(s => s.Code == code);
}

/// <summary>A dispute with what the customer said and how it ended.</summary>
/// <param name="OpenedOn">When it was raised; the ladder pauses from this day.</param>
/// <param name="Reason">The customer's reason.</param>
/// <param name="RaisedBy">Who recorded it.</param>
/// <param name="ClosedOn">When it was resolved; null while open.</param>
/// <param name="Resolution">How it was resolved.</param>
public sealed record RecordedDispute(DateOnly OpenedOn, string Reason, string RaisedBy, DateOnly? ClosedOn = null, string? Resolution = null);

/// <summary>A step taken: when, and what it did (mails sent, tasks created, the warning, the freeze).</summary>
/// <param name="Level">Its place on this invoice's ladder.</param>
/// <param name="Code">The step, e.g. <c>yellow</c>.</param>
/// <param name="DueOn">The day it fell due.</param>
/// <param name="TakenAt">When it was taken.</param>
/// <param name="Done">What each action did, in words with its reference (mail key, task id).</param>
public sealed record TakenStep(int Level, string Code, DateOnly DueOn, DateTimeOffset TakenAt, IReadOnlyList<string> Done);

/// <summary>Where an invoice stood on the ladder at the last look.</summary>
/// <param name="Status">Running, paused, awaiting a promise, settled, completed; or <c>NotYetLooked</c>.</param>
/// <param name="Level">How many steps were reached.</param>
/// <param name="NextStep">The next step's code.</param>
/// <param name="NextDueOn">When dunning looks again.</param>
/// <param name="Open">What was still unpaid.</param>
/// <param name="LookedAt">When.</param>
public sealed record DunningStanding(string Status, int Level, string? NextStep, DateOnly? NextDueOn, decimal? Open, DateTimeOffset? LookedAt)
{
    /// <summary>Before the workflow's first look.</summary>
    public static DunningStanding NotYetLooked { get; } = new("NotYetLooked", 0, null, null, null, null);

    /// <summary>True once the ladder has ended for this invoice (paid, or every step taken).</summary>
    public bool Ended => Status is nameof(DunningStatus.Settled) or nameof(DunningStatus.Completed);
}

/// <summary>A request to pay an invoice later, decided through approval.</summary>
/// <param name="RequestId">Its id; the approval workflow's instance is named after it.</param>
/// <param name="RequestedOn">When it was asked for.</param>
/// <param name="FromDueDate">The due date it would move.</param>
/// <param name="ToDueDate">The due date asked for.</param>
/// <param name="Reason">Why the customer needs it.</param>
/// <param name="RequestedBy">Who recorded it.</param>
/// <param name="Outcome"><see cref="Pending"/>, Approved or Rejected.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="Comment">The approver's comment.</param>
public sealed record PaymentExtension(
    string RequestId, DateOnly RequestedOn, DateOnly FromDueDate, DateOnly ToDueDate, string Reason, string RequestedBy,
    string Outcome = PaymentExtension.Pending, string? DecidedBy = null, string? Comment = null)
{
    /// <summary>Waiting for approval.</summary>
    public const string Pending = "Pending";
}

/// <summary>
/// A written special collection plan (docs/domain.md "Receivable dunning"): why the invoice is unpaid, how it will be
/// collected, who owns it and by when, submitted by the credit officer and approved by the credit manager.
/// </summary>
/// <param name="PlanId">Its id; the approval workflow's instance is named after it.</param>
/// <param name="SubmittedOn">When it was submitted.</param>
/// <param name="Cause">Why the customer does not pay.</param>
/// <param name="Means">How it will be collected (instalments, guarantee, offset, visit...).</param>
/// <param name="Owner">Who carries it out.</param>
/// <param name="Milestones">What happens by when.</param>
/// <param name="SubmittedBy">Who submitted it.</param>
/// <param name="Outcome">Pending, Approved or Rejected.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="Comment">The approver's comment.</param>
public sealed record CollectionPlan(
    string PlanId, DateOnly SubmittedOn, string Cause, string Means, string Owner, IReadOnlyList<PlanMilestone> Milestones, string SubmittedBy,
    string Outcome = PaymentExtension.Pending, string? DecidedBy = null, string? Comment = null);

/// <summary>One dated step of a collection plan.</summary>
public sealed record PlanMilestone(DateOnly On, string What);
