using CreditFlow.Domain.Dunning;
using CreditFlow.Host.Credit;
using CreditFlow.Storage.Dunning;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>Where an invoice stands with dunning, in words, as the customer page and its export show it.</summary>
internal static class InvoiceStanding
{
    /// <summary>E.g. "running, level 3; next: payment notice on 1 Apr 2026 · disputed", "booked", "settled".</summary>
    public static string Of(DunningRecord invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var s = invoice.Standing;
        var next = s.NextStep is { } step && s.NextDueOn is { } on ? $"; next: {step.Replace('-', ' ')} on {Figures.Date(on)}" : "";
        var disputed = invoice.Disputes.Any(d => d.ClosedOn is null) ? " · disputed" : "";
        if (!invoice.Invoice.IsOpen)
        {
            return "settled";
        }

        return Enum.TryParse<DunningStatus>(s.Status, out var status)
            ? $"{WorklistText.Words(status)}, level {s.Level}{next}{disputed}"
            : $"booked{disputed}";
    }
}
