using System.Globalization;
using CreditFlow.Domain.Authority;
using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Host.Cases;
using CreditFlow.Workflows.LegalHandoff;
using static CreditFlow.Host.Credit.WorklistText;

namespace CreditFlow.Host.Workspace.Cases;

/// <summary>How the cases pages say a case: what it waits for, its approval's kind, who opened it, its status.</summary>
internal static class CaseWords
{
    /// <summary>What the case waits for, in words: legal, an approver, the agency or the court; or how it ended.</summary>
    public static string WaitsFor(LegalCase c, AuthorityMatrix authority) => c switch
    {
        { IsClosed: true } => $"closed: {Words(c.Status)}{(c.WrittenOff is { Amount: > 0m } w ? $", {w} written off" : "")}",
        { Approval: { Asked: false } a } => $"the {Kind(a.Kind)} approval to be sent",
        { Approval: { } a } => $"{Kind(a.Kind)} approval by {LegalCases.WhoDecides(a, authority)}",
        { Status: CaseStatus.AwaitingLegal } => "legal's acceptance",
        { Route: CaseRoute.Agency, Settlement: { } s } when !c.SettlementPaid => $"agency {c.Agency}: the customer to pay the agreed {s.Pays}",
        { Route: CaseRoute.Agency } => $"agency {c.Agency}",
        { Route: CaseRoute.Litigation } => "legal: the court",
        _ => "legal: the arbitration",
    };

    /// <summary>"settlement", "write-off": the approval's kind as legal and finance write it.</summary>
    public static string Kind(CaseApprovalKind kind) => kind == CaseApprovalKind.WriteOff ? "write-off" : "settlement";

    public static string OpenedBy(LegalCase c) => c.OpenedBy == "dunning" ? "dunning (red)" : c.OpenedBy;

    /// <summary>The status as the filter's query and the badge's class say it: "awaitingLegal".</summary>
    public static string Css(CaseStatus status) => CaseView.Camel(status);

    /// <summary>A status as the filter labels it: "Awaiting legal".</summary>
    public static string Label(CaseStatus status) => Capital(Words(status));

    public static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>An agency's report as the reports table says it: "promise to pay by 3 Jul 2026", "settlement offer".</summary>
    public static string Report(AgencyReport report) => report.Kind switch
    {
        AgencyReportKind.Promise when report.PromisedDate is { } day => string.Create(CultureInfo.InvariantCulture, $"promise to pay by {day:d MMM yyyy}"),
        _ => LegalCase.Words(report.Kind),
    };
}
