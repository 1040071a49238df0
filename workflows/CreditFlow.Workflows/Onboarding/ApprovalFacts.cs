using System.Globalization;
using CreditFlow.Domain.Monetary;
using CreditFlow.Workflows.Approvals;

namespace CreditFlow.Workflows.Onboarding;

/// <summary>What an approver of a credit application sees: the application, the score breakdown, the proposal, the exposure.</summary>
internal static class ApprovalFacts
{
    /// <summary>
    /// Which limit the amount is, and what the application asked for: a new customer's first
    /// approval is of the small trial limit, which an approver must not take for the request.
    /// </summary>
    public static string AmountNote(AssessmentPhase phase, Money requested) =>
        $"{(phase == AssessmentPhase.Trial ? "trial limit" : "final limit")} (requested: {requested})";

    public static IReadOnlyList<ApprovalSection> For(
        CreditApplicationRequest a, CreditAssessment s, Money asked, ExposureSnapshot? exposure, IReadOnlyList<ApprovalDecision> earlier, ReconsiderationRequest? reconsideration)
    {
        var sections = new List<ApprovalSection>();
        if (reconsideration is not null)
        {
            sections.Add(new("Reconsideration", [
                new("Requested by", reconsideration.RequestedBy),
                new("Reason", reconsideration.Reason),
            ]));
        }

        sections.Add(new("Application", [
            new("Customer", $"{a.Customer.Name} ({a.Customer.RegistrationNumber})"),
            new("Actual controller", a.Customer.ActualController ?? "unknown"),
            new("Industry", a.Customer.Industry ?? "unknown"),
            new("Requested limit", a.RequestedLimit.ToString()),
            new("Requested term", $"{a.RequestedTermDays} days"),
            new("Filed by", $"{a.FiledBy} ({a.SalesRepEmail})"),
            new("Impression report", a.ImpressionReport),
            new("Reason given for a customer below standard", a.BelowStandardReason ?? "none"),
        ]));
        sections.Add(new($"Score {s.Score.ToString("0.##", CultureInfo.InvariantCulture)} — class {s.Class}", [
            new("Class", s.ClassReason),
            new("Model", $"{s.ModelId} version {s.ModelVersion}"),
            .. s.Factors.Select(f => new ApprovalFact(
                $"{f.Dimension}: {f.Factor}",
                $"{f.Value?.ToString(CultureInfo.InvariantCulture) ?? "missing"} → {f.Points.ToString("0.##", CultureInfo.InvariantCulture)} points ({f.Rule})")),
        ]));
        sections.Add(new("Proposal", [
            new("Amount to approve", asked.ToString()),
            new("Trial limit", $"{s.TrialLimit} — {s.TrialReason}"),
            new("Proposed final limit", $"{s.ProposedLimit} — {s.LimitFormula}"),
            new("Term", $"{s.TermDays} days"),
            new("Conditions", s.Conditions),
        ]));
        sections.Add(new("Exposure", [
            .. exposure is null
                ? [new ApprovalFact("Exposure", "none: nothing booked for this customer yet")]
                : new[]
                {
                    new ApprovalFact("Open receivables", exposure.Amounts.OpenReceivables.ToString()),
                    new ApprovalFact("Shipped, not invoiced", exposure.Amounts.ShippedNotInvoiced.ToString()),
                    new ApprovalFact("Open orders", exposure.Amounts.OpenOrders.ToString()),
                    new ApprovalFact("Total exposure", exposure.Amounts.Total.ToString()),
                    new ApprovalFact("Overdue invoices", exposure.OverdueInvoices.Count == 0
                        ? "none"
                        : string.Join("; ", exposure.OverdueInvoices.Select(i => $"{i.InvoiceId}: {i.OpenAmount} due {i.DueDate:yyyy-MM-dd}"))),
                },
            .. earlier.Select(d => new ApprovalFact(
                $"Earlier decision ({d.Step})",
                $"{d.Outcome}{(d.ApprovedAmount is { } x ? $" {x}" : string.Empty)} by {d.DecidedBy}: {d.Comment}")),
        ]));
        return sections;
    }
}
