using CreditFlow.Domain.Dunning;
using CreditFlow.Host.Credit;
using CreditFlow.Storage.Dunning;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>Where an invoice stands with dunning, in words, as the customer page, the invoices page and their exports show it.</summary>
internal static class InvoiceStanding
{
    /// <summary>E.g. "running, level 3; next: payment notice on 1 Apr 2026 · disputed", "booked", "settled".</summary>
    public static string Of(DunningRecord invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var next = NextStep(invoice) is { } step ? $"; next: {step} on {Figures.Date(invoice.Standing.NextDueOn!.Value)}" : "";
        var disputed = IsDisputed(invoice) ? " · disputed" : "";
        return Status(invoice) switch
        {
            "settled" => "settled",
            "booked" => "booked" + disputed,
            var status => status + next + disputed,
        };
    }

    /// <summary>"settled" once paid, "booked" before dunning's first look, otherwise its status and level, e.g. "running, level 3".</summary>
    public static string Status(DunningRecord invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (!invoice.Invoice.IsOpen)
        {
            return "settled";
        }

        return Enum.TryParse<DunningStatus>(invoice.Standing.Status, out var status)
            ? $"{WorklistText.Words(status)}, level {invoice.Standing.Level}"
            : "booked";
    }

    /// <summary>The next step in words (e.g. "payment notice") when it has a date; null otherwise.</summary>
    public static string? NextStep(DunningRecord invoice) =>
        invoice.Standing is { NextStep: { } step, NextDueOn: not null } ? step.Replace('-', ' ') : null;

    /// <summary>True while a dispute is open.</summary>
    public static bool IsDisputed(DunningRecord invoice) => invoice.Disputes.Any(d => d.ClosedOn is null);

    /// <summary>The date the customer last promised to pay by, while the invoice is open and that date is not past; null otherwise.</summary>
    public static DateOnly? PromisedFor(DunningRecord invoice, DateOnly today)
    {
        var latest = invoice.Promises.MaxBy(p => p.MadeOn);
        return invoice.Invoice.IsOpen && latest is not null && latest.PromisedDate >= today ? latest.PromisedDate : null;
    }
}
