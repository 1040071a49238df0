using CreditFlow.Domain.Exposure;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Receivables;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Tasks;
using CreditFlow.Storage.Warnings;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>
/// Everything about one customer that the customer page shows: who it is, the credit it has and uses, what it owes and
/// how it pays, what is open about it (warnings, cases, tasks), and one timeline of what happened to it.
/// </summary>
/// <param name="Profile">Null when it was never granted credit (an applicant, or a customer the ERP invoiced).</param>
/// <param name="Exposure">Null when nothing was ever booked for it.</param>
/// <param name="LimitFrozen">Set by dunning at yellow: new orders are held whatever the limit says.</param>
/// <param name="Invoices">All its invoices: the open ones by due date, then the settled ones, latest first.</param>
/// <param name="Group">The other companies of its group (same actual controller), by name; empty when it has none.</param>
/// <param name="GroupExposure">The exposure of the whole group, itself included, in its currency; null when nothing is booked.</param>
/// <param name="Position">Its receivables as the dashboard counts them, in the currency of its profile or invoices.</param>
/// <param name="Habit">How it pays, from its settled invoices; null while none says anything.</param>
public sealed record CustomerFile(
    Customer Customer,
    CustomerCreditProfile? Profile,
    CreditExposure? Exposure,
    bool LimitFrozen,
    IReadOnlyList<Customer> Group,
    CreditExposure? GroupExposure,
    IReadOnlyList<DunningRecord> Invoices,
    ReceivablesPosition Position,
    PaymentHabit? Habit,
    IReadOnlyList<WarningRecord> Warnings,
    IReadOnlyList<CaseRecord> Cases,
    IReadOnlyList<CreditTask> OpenTasks,
    IReadOnlyList<CreditDecision> Decisions,
    IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>Its months beside its receivable budget and the cash it promised, one per month of <see cref="Position"/>.</summary>
    public IReadOnlyList<BehaviourMonth> Behaviour { get; init; } = [];

    /// <summary>Its orders and shipments held for an approver: the open ones, then the latest decided, newest first.</summary>
    public IReadOnlyList<HoldRecord> Holds { get; init; } = [];

    /// <summary>Its credit applications, newest first, each with the documents filed with it.</summary>
    public IReadOnlyList<CustomerApplication> Applications { get; init; } = [];

    /// <summary>Its scores over time, oldest first: onboarding's and every re-review's.</summary>
    public IReadOnlyList<ScorePoint> Scores { get; init; } = [];

    /// <summary>Whether it is a core customer by sales; null when nobody was invoiced in its currency over the ranked years.</summary>
    public CoreStanding? Core { get; init; }

    /// <summary>The limit less what is used; null without a profile or in another currency than the exposure.</summary>
    public Money? Available =>
        Profile is { } p && (Exposure is null || Exposure.Currency == p.Limit.Currency)
            ? p.Limit - (Exposure?.Total ?? Money.Zero(p.Limit.Currency))
            : null;

    /// <summary>The share of the limit in use; null without a positive limit.</summary>
    public decimal? LimitUsed => Profile is { Limit.Amount: > 0m } p && Available is { } left ? (p.Limit.Amount - left.Amount) / p.Limit.Amount : null;
}

/// <summary>One thing that happened to a customer.</summary>
/// <param name="Kind">What part of the business it comes from: decision, invoice, payment, dispute, dunning, warning, case, task.</param>
/// <param name="By">Who did it, when a person or a role did.</param>
/// <param name="DayOnly">The record keeps the day, not the time (an invoice's issue date, a payment's day).</param>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string What, string? By, bool DayOnly = false);
