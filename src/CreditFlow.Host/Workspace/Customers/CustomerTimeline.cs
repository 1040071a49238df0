using System.Globalization;
using CreditFlow.Domain.OrderCheck;
using CreditFlow.Host.Credit;
using CreditFlow.Storage.Customers;
using CreditFlow.Storage.Dunning;
using CreditFlow.Storage.LegalCases;
using CreditFlow.Storage.Orders;
using CreditFlow.Storage.Profiles;
using CreditFlow.Storage.Tasks;
using CreditFlow.Storage.Warnings;

namespace CreditFlow.Host.Workspace.Customers;

/// <summary>One timeline of a customer, newest first, from what each part of the business recorded about it.</summary>
internal static class CustomerTimeline
{
    public static IReadOnlyList<TimelineEntry> Of(
        Customer customer,
        IReadOnlyList<DunningRecord> invoices,
        IReadOnlyList<CreditDecision> decisions,
        IReadOnlyList<WarningRecord> warnings,
        IReadOnlyList<CaseRecord> cases,
        IReadOnlyList<CreditTask> doneTasks,
        IReadOnlyList<HoldRecord> holds)
    {
        var entries = new List<TimelineEntry> { new(customer.CreatedAt, "customer", "on file", null) };
        entries.AddRange(decisions.Select(d => new TimelineEntry(d.DecidedAt, "decision", $"{d.What} — {d.Why}", d.DecidedBy)));
        foreach (var invoice in invoices)
        {
            entries.Add(new(Day(invoice.IssueDate), "invoice", $"invoice {invoice.InvoiceId} of {Figures.Amount(invoice.Amount)}, due {Figures.Date(invoice.DueDate)}", null, DayOnly: true));
            entries.AddRange(invoice.Payments.Select(p => new TimelineEntry(
                Day(p.PaidOn), "payment", p.Amount.Amount < 0m ? $"payment of {Figures.Amount(-p.Amount)} on {invoice.InvoiceId} reversed" : $"{Figures.Amount(p.Amount)} paid on {invoice.InvoiceId}", null, DayOnly: true)));
            entries.AddRange(invoice.Disputes.Select(d => new TimelineEntry(Day(d.OpenedOn), "dispute", $"dispute on {invoice.InvoiceId}: {d.Reason}", d.RaisedBy, DayOnly: true)));
            entries.AddRange(invoice.Disputes.Where(d => d.ClosedOn is not null).Select(d => new TimelineEntry(Day(d.ClosedOn!.Value), "dispute", $"dispute on {invoice.InvoiceId} resolved{(d.Resolution is { } r ? ": " + r : string.Empty)}", null, DayOnly: true)));
            entries.AddRange(invoice.Promises.Select(p => new TimelineEntry(Day(p.MadeOn), "promise", $"promised to pay {invoice.InvoiceId} by {Figures.Date(p.PromisedDate)}", null, DayOnly: true)));
            entries.AddRange(invoice.Steps.Select(s => new TimelineEntry(s.TakenAt, "dunning", $"{Step(s.Code)} on {invoice.InvoiceId}", null)));
        }

        foreach (var warning in warnings)
        {
            entries.Add(new(warning.RaisedAt, "warning", $"{WorklistText.Words(warning.Level)} warning: {warning.Reason}", null));
            if (warning.Answer is { } answer)
            {
                entries.Add(new(answer.At, "warning", $"{WorklistText.Words(warning.Level)} warning answered: {answer.Comment}", $"{answer.By} ({WorklistText.Words(answer.Role)})"));
            }
        }

        entries.AddRange(cases.SelectMany(c => c.Case.Timeline.Select(e => new TimelineEntry(e.At, "case", $"legal case {c.CaseId}: {e.What}", e.By))));
        foreach (var hold in holds)
        {
            var what = $"{WorklistText.Words(hold.Kind)} {hold.DocumentId} of {Figures.Amount(hold.Amount)}";
            entries.Add(new(hold.HeldAt, "hold", $"{what} held for the {WorklistText.Words(hold.ApproverRole)}: {string.Join("; ", hold.Reasons.Select(r => HoldText.Named(r, hold.CustomerId, customer.Name)))}", null));
            if (hold.DecidedAt is { } decided && hold.Status != HoldStatus.Open)
            {
                entries.Add(new(decided, "hold", $"{what} {WorklistText.Words(hold.Status)}{(string.IsNullOrWhiteSpace(hold.Comment) ? string.Empty : ": " + hold.Comment)}", hold.DecidedBy));
            }
        }

        entries.AddRange(doneTasks.Where(t => t.CompletedAt is not null).Select(t => new TimelineEntry(t.CompletedAt!.Value, "task", $"{t.Title} — {t.Outcome}", t.CompletedBy)));
        return entries.OrderByDescending(e => e.At).ThenBy(e => e.Kind, StringComparer.Ordinal).ToList();
    }

    private static DateTimeOffset Day(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>A ladder step's code in words: <c>payment-notice</c> → "payment notice".</summary>
    private static string Step(string code) => code.Replace('-', ' ').ToLower(CultureInfo.InvariantCulture);
}
