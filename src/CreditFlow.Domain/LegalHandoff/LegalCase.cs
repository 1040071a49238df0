using System.Globalization;
using CreditFlow.Domain.Monetary;
using CreditFlow.Domain.Roles;

namespace CreditFlow.Domain.LegalHandoff;

/// <summary>
/// A customer's unpaid invoices in legal's hands (docs/domain.md "Legal handoff"), from opening to an outcome: recovered,
/// settled, written off or withdrawn. Every method is a step a person or the agency takes; it returns the case after the
/// step, with the step on the timeline, or refuses (<see cref="CaseActionRefusedException"/>) a step the case cannot take
/// where it stands. What is still owed is the ledger's, so it is passed in where a step needs it.
/// </summary>
/// <param name="CaseId">The case's id.</param>
/// <param name="CustomerId">Whose invoices.</param>
/// <param name="CustomerName">The customer's name when the case was opened.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="OpenedBy">"dunning" for a case opened at red, else the person who opened it.</param>
/// <param name="Reason">Why it was opened.</param>
/// <param name="Invoices">The invoices handed over; an invoice reaching red later joins the open case.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Route">The route legal chose; null until accepted, and again after a recall or a return.</param>
/// <param name="Agency">The agency holding the case, on the agency route.</param>
/// <param name="Reports">The agencies' reports, in the order received.</param>
/// <param name="Approval">The settlement or write-off waiting for approval.</param>
/// <param name="Settlement">An approved settlement: what the customer still pays, and from when it counts.</param>
/// <param name="WrittenOff">What was written off as bad debt when the case closed.</param>
/// <param name="LastHeardAt">When anything last happened on the case; a long silence asks legal to look.</param>
/// <param name="Timeline">Everything that happened, in order.</param>
/// <param name="ApprovalsRequested">How many settlements and write-offs were put up for approval; numbers the next.</param>
public sealed record LegalCase(
    string CaseId,
    string CustomerId,
    string CustomerName,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    string Reason,
    IReadOnlyList<CaseInvoice> Invoices,
    CaseStatus Status,
    CaseRoute? Route,
    string? Agency,
    IReadOnlyList<AgencyReport> Reports,
    CaseApproval? Approval,
    AgreedSettlement? Settlement,
    Money? WrittenOff,
    DateTimeOffset LastHeardAt,
    IReadOnlyList<CaseEntry> Timeline,
    int ApprovalsRequested = 0)
{
    /// <summary>A case opened on the customer's unpaid <paramref name="invoices"/>, waiting for legal.</summary>
    /// <exception cref="ArgumentException">No invoices, or invoices in more than one currency.</exception>
    public static LegalCase Open(string caseId, string customerId, string customerName, IReadOnlyList<CaseInvoice> invoices, string openedBy, string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseId);
        ArgumentNullException.ThrowIfNull(invoices);
        if (invoices.Count == 0)
        {
            throw new ArgumentException("A case is opened on at least one unpaid invoice.", nameof(invoices));
        }

        if (invoices.Select(i => i.OpenWhenAdded.Currency).Distinct().Count() > 1)
        {
            throw new ArgumentException("A case's invoices are in one currency.", nameof(invoices));
        }

        var claimed = invoices.Aggregate(Money.Zero(invoices[0].OpenWhenAdded.Currency), (sum, i) => sum + i.OpenWhenAdded);
        return new LegalCase(caseId, customerId, customerName, at, openedBy, reason, invoices, CaseStatus.AwaitingLegal, null, null, [], null, null, null, at,
            [new CaseEntry(at, $"case opened on {invoices.Count} invoice(s), {claimed} claimed: {reason}", openedBy)]);
    }

    /// <summary>The currency of the case's invoices.</summary>
    public Currency Currency => Invoices[0].OpenWhenAdded.Currency;

    /// <summary>What was owed on the invoices when they were handed over.</summary>
    public Money Claimed => Invoices.Aggregate(Money.Zero(Currency), (sum, i) => sum + i.OpenWhenAdded);

    /// <summary>What the agencies collected.</summary>
    public Money Recovered => Sum(Reports.Where(r => r.Kind == AgencyReportKind.Recovery).Select(r => r.Amount!.Value));

    /// <summary>The agencies' commission on what they collected.</summary>
    public Money Commission => Sum(Reports.Select(r => r.Commission).OfType<Money>());

    /// <summary>True once the case has an outcome.</summary>
    public bool IsClosed => Status is CaseStatus.Recovered or CaseStatus.Settled or CaseStatus.WrittenOff or CaseStatus.Withdrawn;

    /// <summary>Adds an invoice that reached red while the case is open; one already in the case changes nothing.</summary>
    public LegalCase Join(CaseInvoice invoice, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        Require(!IsClosed, $"case {CaseId} is {Words(Status)}: a new red invoice opens a new case");
        if (Invoices.Any(i => i.InvoiceId == invoice.InvoiceId))
        {
            return this;
        }

        Require(invoice.OpenWhenAdded.Currency == Currency, $"invoice {invoice.InvoiceId} is in {invoice.OpenWhenAdded.Currency}, the case in {Currency}");
        return (Heard(at) with { Invoices = [.. Invoices, invoice] })
            .Log(at, $"invoice {invoice.InvoiceId} joined the case ({invoice.OpenWhenAdded} open, due {invoice.DueDate:yyyy-MM-dd})", by);
    }

    /// <summary>Legal accepts the case and chooses how to pursue it; the agency route names the agency.</summary>
    public LegalCase Accept(CaseRoute route, string? agency, string by, string comment, DateTimeOffset at)
    {
        Require(Status == CaseStatus.AwaitingLegal, $"case {CaseId} is {Words(Status)}, not waiting for legal");
        Require(route != CaseRoute.Agency || !string.IsNullOrWhiteSpace(agency), "the agency route needs the agency");
        Require(route == CaseRoute.Agency || agency is null, $"an agency is only named on the agency route, not for {Words(route)}");
        var how = route == CaseRoute.Agency ? $"placed with agency {agency}" : Words(route);
        return (Heard(at) with { Status = CaseStatus.InProgress, Route = route, Agency = route == CaseRoute.Agency ? agency : null })
            .Log(at, $"accepted by legal: {how}" + Comment(comment), by);
    }

    /// <summary>Takes the case back from its agency; legal chooses the route again.</summary>
    public LegalCase Recall(string by, string reason, DateTimeOffset at)
    {
        Require(Status == CaseStatus.InProgress && Route == CaseRoute.Agency, $"case {CaseId} is not with an agency");
        return (Heard(at) with { Status = CaseStatus.AwaitingLegal, Route = null, Agency = null })
            .Log(at, $"recalled from agency {Agency}" + Comment(reason), by);
    }

    /// <summary>
    /// An agency's report. Only the agency holding the case reports on it; a report the case has already received (by
    /// its event id) changes nothing. A recovery carries the agency's commission at <paramref name="commissionPercent"/>;
    /// a settlement offer waits for approval; a return gives the case back to legal.
    /// </summary>
    public LegalCase Report(AgencyReport report, decimal commissionPercent)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Reports.Any(r => r.Agency == report.Agency && r.EventId == report.EventId))
        {
            return this;
        }

        Require(!IsClosed, $"case {CaseId} is {Words(Status)}");
        Require(Route == CaseRoute.Agency && Agency == report.Agency, $"case {CaseId} is not with agency {report.Agency}");
        Require(report.Amount is null || report.Amount.Value.Currency == Currency, $"amount: the case is in {Currency}");
        Require(report.Kind is not (AgencyReportKind.Recovery or AgencyReportKind.SettlementOffer) || report.Amount is { Amount: > 0m } || (report.Kind == AgencyReportKind.SettlementOffer && report.Amount is { Amount: 0m }),
            $"amount: a {Words(report.Kind)} needs a positive amount");
        Require(report.Kind != AgencyReportKind.SettlementOffer || Approval is null, $"case {CaseId} already has a {Words(Approval?.Kind)} waiting for approval");
        var at = report.ReceivedAt;
        var received = report.Kind == AgencyReportKind.Recovery
            ? report with { Commission = (report.Amount!.Value * commissionPercent / 100m).Rounded() }
            : report;
        var next = Heard(at) with { Reports = [.. Reports, received] };
        var note = Comment(report.Note ?? string.Empty);
        return report.Kind switch
        {
            AgencyReportKind.Accepted => next.Log(at, $"agency {report.Agency} took the case on" + note, report.Agency),
            AgencyReportKind.ContactMade => next.Log(at, $"agency {report.Agency} reached the customer" + note, report.Agency),
            AgencyReportKind.Promise => next.Log(at, $"the customer promised the agency to pay by {report.PromisedDate:yyyy-MM-dd}" + note, report.Agency),
            AgencyReportKind.Recovery => next.Log(at, $"agency {report.Agency} recovered {report.Amount} (commission {received.Commission})" + note, report.Agency),
            AgencyReportKind.SettlementOffer => (next with
            {
                ApprovalsRequested = NextApprovalNumber,
                Approval = new CaseApproval(NextApprovalNumber, CaseApprovalKind.Settlement, at, report.Agency, report.Note ?? "settlement offered through the agency", Pays: report.Amount),
            }).Log(at, $"settlement offered: the customer pays {report.Amount} more in full and final settlement; waiting for approval" + note, report.Agency),
            _ => (next with { Status = CaseStatus.AwaitingLegal, Route = null, Agency = null, Approval = next.Approval?.Kind == CaseApprovalKind.Settlement ? null : next.Approval })
                .Log(at, $"agency {report.Agency} returned the case unrecovered" + note, report.Agency),
        };
    }

    /// <summary>A person asks to write off what is still owed; the tier whose authority covers it decides.</summary>
    public LegalCase ProposeWriteOff(string by, string reason, DateTimeOffset at)
    {
        Require(!IsClosed, $"case {CaseId} is {Words(Status)}");
        Require(Approval is null, $"case {CaseId} already has a {Words(Approval?.Kind)} waiting for approval");
        return (Heard(at) with { ApprovalsRequested = NextApprovalNumber, Approval = new CaseApproval(NextApprovalNumber, CaseApprovalKind.WriteOff, at, by, reason) })
            .Log(at, "write-off proposed; waiting for approval" + Comment(reason), by);
    }

    /// <summary>The waiting approval is asked of <paramref name="approver"/> for <paramref name="writeOff"/>, what would be written off now.</summary>
    public LegalCase AskApproval(Money writeOff, CreditRole approver, int policyVersion, DateTimeOffset at)
    {
        Require(Approval is { Asked: false }, $"case {CaseId} has no approval to ask for");
        var approval = Approval! with { WriteOff = writeOff, Approver = approver, PolicyVersion = policyVersion };
        return (this with { Approval = approval }).Log(
            at, $"{Words(approval.Kind)} sent for approval to the {Words(approver)} (authority of credit policy version {policyVersion}): {writeOff} would be written off", "credit");
    }

    /// <summary>
    /// The approver's answer. An approved settlement is agreed (its remainder is written off once the customer has paid
    /// it); an approved write-off closes the case as written off with what is owed, <paramref name="owed"/>. A refusal
    /// leaves the case as it was.
    /// </summary>
    public LegalCase Decide(bool approved, string by, CreditRole role, string comment, Money owed, DateTimeOffset at)
    {
        Require(Approval is { Asked: true }, $"case {CaseId} has nothing waiting for approval");
        var approval = Approval!;
        var who = $"{by} ({Words(role)})";
        if (!approved)
        {
            return (Heard(at) with { Approval = null }).Log(at, $"{Words(approval.Kind)} refused" + Comment(comment), who);
        }

        if (approval.Kind == CaseApprovalKind.Settlement)
        {
            return (Heard(at) with { Approval = null, Settlement = new AgreedSettlement(approval.Pays!.Value, Recovered, at) })
                .Log(at, $"settlement approved: the customer pays {approval.Pays} more, the rest is written off once it has" + Comment(comment), who);
        }

        return Close(CaseStatus.WrittenOff, owed, at, $"written off: {owed} of bad debt" + Comment(comment), who);
    }

    /// <summary>Closes the case with <paramref name="outcome"/>, writing off <paramref name="writtenOff"/> (zero when nothing is).</summary>
    public LegalCase Close(CaseStatus outcome, Money writtenOff, DateTimeOffset at, string what, string by)
    {
        Require(!IsClosed, $"case {CaseId} is {Words(Status)} already");
        Require(outcome is CaseStatus.Recovered or CaseStatus.Settled or CaseStatus.WrittenOff or CaseStatus.Withdrawn, $"{outcome} is not an outcome");
        return (Heard(at) with { Status = outcome, WrittenOff = writtenOff, Approval = null }).Log(at, what, by);
    }

    /// <summary>True when an agreed settlement has been paid: the agency recovered at least the agreed amount since it was agreed.</summary>
    public bool SettlementPaid => Settlement is { } s && Recovered - s.RecoveredBefore >= s.Pays;

    /// <summary>Records that the case was heard of at <paramref name="at"/> and adds <paramref name="what"/> to the timeline.</summary>
    public LegalCase Log(DateTimeOffset at, string what, string by) => this with { Timeline = [.. Timeline, new CaseEntry(at, what, by)] };

    private int NextApprovalNumber => ApprovalsRequested + 1;

    private LegalCase Heard(DateTimeOffset at) => at > LastHeardAt ? this with { LastHeardAt = at } : this;

    private Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero(Currency), (sum, m) => sum + m);

    private static string Comment(string? text) => string.IsNullOrWhiteSpace(text) ? string.Empty : $" — {text.Trim()}";

    private static void Require(bool condition, string why)
    {
        if (!condition)
        {
            throw new CaseActionRefusedException(why);
        }
    }

    /// <summary>A status, route, kind in lower-case words.</summary>
    public static string Words(Enum? value) => value is null ? "step" : string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString(CultureInfo.InvariantCulture)));
}

/// <summary>An approved settlement: the customer pays <paramref name="Pays"/> more, counted from what was recovered when it was agreed.</summary>
public sealed record AgreedSettlement(Money Pays, Money RecoveredBefore, DateTimeOffset AgreedAt);
