using CreditFlow.Domain.LegalHandoff;
using CreditFlow.Domain.Monetary;
using CreditFlow.Storage.LegalCases;

namespace CreditFlow.Host.Cases;

/// <summary>A legal case as the API shows it: where it stands, its amounts and invoices, the approval it waits for, the agency's reports and the timeline.</summary>
/// <param name="Status">awaitingLegal, inProgress, recovered, settled, writtenOff or withdrawn.</param>
/// <param name="Route">litigation, arbitration or agency; null until legal accepted it.</param>
/// <param name="Owed">What is still owed on the case's invoices, by the ledger.</param>
/// <param name="CaseFile">Where to download the latest case file (ZIP); null until built.</param>
public sealed record CaseView(
    string CaseId,
    string CustomerId,
    string CustomerName,
    string Status,
    string? Route,
    string? Agency,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    string Reason,
    Money Claimed,
    Money Owed,
    Money Recovered,
    Money Commission,
    Money? WrittenOff,
    CaseApprovalView? Approval,
    CaseSettlementView? Settlement,
    IReadOnlyList<CaseInvoiceView> Invoices,
    IReadOnlyList<AgencyReportView> Reports,
    IReadOnlyList<CaseEntry> Timeline,
    string? CaseFile,
    DateTimeOffset LastHeardAt)
{
    internal static CaseView From(CaseRecord record, Money owed, IReadOnlyList<(CaseInvoice Invoice, Money Open)> invoices)
    {
        var c = record.Case;
        return new CaseView(
            c.CaseId,
            c.CustomerId,
            c.CustomerName,
            Camel(c.Status),
            c.Route is { } route ? Camel(route) : null,
            c.Agency,
            c.OpenedAt,
            c.OpenedBy,
            c.Reason,
            c.Claimed,
            owed,
            c.Recovered,
            c.Commission,
            c.WrittenOff,
            c.Approval is { } a ? new CaseApprovalView(a.Number, Camel(a.Kind), a.RequestedAt, a.RequestedBy, a.Reason, a.Pays, a.WriteOff, a.Approver?.ToString()) : null,
            c.Settlement is { } s ? new CaseSettlementView(s.Pays, s.AgreedAt, c.SettlementPaid) : null,
            invoices.Select(i => new CaseInvoiceView(i.Invoice.InvoiceId, i.Invoice.DueDate, i.Invoice.OpenWhenAdded, i.Open)).ToArray(),
            c.Reports.Select(r => new AgencyReportView(r.EventId, r.Agency, Camel(r.Kind), r.OccurredAt, r.ReceivedAt, r.Amount, r.PromisedDate, r.Note, r.Commission, r.Booked)).ToArray(),
            c.Timeline,
            record.Progress.CaseFiles.Count > 0 ? $"/api/cases/{Uri.EscapeDataString(c.CaseId)}/file" : null,
            c.LastHeardAt);
    }

    internal static string Camel(Enum value) => char.ToLowerInvariant(value.ToString()[0]) + value.ToString()[1..];
}

/// <summary>The settlement or write-off waiting for approval.</summary>
/// <param name="Approver">The least role whose authority covers the write-off; null until asked.</param>
public sealed record CaseApprovalView(int Number, string Kind, DateTimeOffset RequestedAt, string RequestedBy, string Reason, Money? Pays, Money? WriteOff, string? Approver);

/// <summary>An approved settlement: what the customer still pays, and whether it has.</summary>
public sealed record CaseSettlementView(Money Pays, DateTimeOffset AgreedAt, bool Paid);

/// <summary>An invoice of the case: open when handed over, and now.</summary>
public sealed record CaseInvoiceView(string InvoiceId, DateOnly DueDate, Money OpenWhenAdded, Money OpenNow);

/// <summary>An agency's report as received; a recovery with its commission and whether it was booked as payments.</summary>
public sealed record AgencyReportView(string EventId, string Agency, string Kind, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt, Money? Amount, DateOnly? PromisedDate, string? Note, Money? Commission, bool Booked);
